// The scale generator of ../shared/docs/DEMO.md: the demo seed's code path (supabase/seed/school.ts) with
// other sizes, loaded set-based into the running local stack's database. Benchmarks sign in as
//   bgh@school-01.bench.local (principal + admin board) and gv.<n>@school-01.bench.local (teachers),
// password SoDienTu@2025, in every generated school. Each school also gets a full year of gradebook data
// (supabase/seed/gradebook.ts, the demo's code path): both semesters of every class × subject × student with
// all required ĐĐGtx, ĐĐGgk and ĐĐGck, conduct ratings and absences (≈ 180,000 score entries a school)
// and a correction inbox (CORRECTIONS_PER_SCHOOL requests sent to the BGH); --no-gradebook leaves both out.
// Each school also has a nurse, yte@school-01.bench.local (role nurse in the current year), and the health
// data of supabase/seed/health.ts (the demo's code path: books, two measurement rounds up to the database's
// public.app_today(), screenings, conditions, allergies, vaccinations, clinic visits); --no-health leaves
// them out.
//
//   node --import tsx scripts/generate.ts --preset district [--db postgres://…] [--years 1]
//   node --import tsx scripts/generate.ts --schools 3 --classes 12 --students 30
//   node --import tsx scripts/generate.ts --corrections   (adds the correction inbox to a preset made without it)
//   node --import tsx scripts/generate.ts --health        (adds the nurses and the health data to a preset made without them)
//
// Presets: district = 20 schools × 36 classes × 40 students (≈ 29,000 students); province = 200 schools
// (≈ 290,000 students; needs the disk and time, never in tests). Refuses a database that is not local,
// and a database that already has the generated organisation (reset the data folder to regenerate).
import { parseArgs } from 'node:util';
import bcrypt from 'bcryptjs';
import pg from 'pg';
import { DEMO_PASSWORD, assertLocalDatabase } from '../supabase/seed/demo.ts';
import { loadGradebookYear, type GradebookYearPlan } from '../supabase/seed/gradebook.ts';
import { loadHealth } from '../supabase/seed/health.ts';
import { buildSchool, emptyDataset, loadDataset, mergeInto, stableId, type Dataset } from '../supabase/seed/school.ts';

export interface ScaleParams {
  schools: number;
  classesPerSchool: number;
  studentsPerClass: number;
  years: number;
}

export const PRESETS: Record<'district' | 'province', ScaleParams> = {
  district: { schools: 20, classesPerSchool: 36, studentsPerClass: 40, years: 1 },
  province: { schools: 200, classesPerSchool: 36, studentsPerClass: 40, years: 1 },
};

export const BENCH_SEED = 20260905;
const CURRENT_YEAR_START = 2026;

export const schoolCode = (i: number, total: number) => `school-${String(i).padStart(Math.max(2, String(total).length), '0')}`;
export const benchDomain = (code: string) => `${code}.bench.local`;

/** The generated organisation (Sở → Phòng, THPT schools under the Sở), without schools. */
function benchOrg(passwordHash: string): { data: Dataset; soId: string } {
  const data = emptyDataset();
  const soId = stableId('bench', 'so');
  const phongId = stableId('bench', 'phong');
  data.org_units.push(
    { id: soId, kind: 'province', parent_id: null, code: 'bench-so', name: 'Sở GD&ĐT (dữ liệu thử tải)', school_level: null },
    { id: phongId, kind: 'district', parent_id: soId, code: 'bench-phong', name: 'Phòng GD&ĐT (dữ liệu thử tải)', school_level: null },
  );
  for (const [email, role, org] of [['so@bench.local', 'province_officer', soId], ['phong@bench.local', 'district_officer', phongId]] as const) {
    const id = stableId('bench', email);
    data.users.push({ id, email, encrypted_password: passwordHash, full_name: email.startsWith('so') ? 'Cán bộ Sở Thử Tải' : 'Cán bộ Phòng Thử Tải', login: true });
    data.memberships.push({ profile_id: id, org_unit_id: org, school_year_id: null, role });
  }
  return { data, soId };
}

const yearCodes = (p: ScaleParams) => Array.from({ length: p.years }, (_, i) => {
  const s = CURRENT_YEAR_START - (p.years - 1) + i;
  return `${s}-${s + 1}`;
});

/** The gradebook of generated schools from..to: every year fully entered (both semesters), nothing locked. */
export function gradebookPlans(p: ScaleParams, from: number, to: number): GradebookYearPlan[] {
  const plans: GradebookYearPlan[] = [];
  for (let i = from; i <= to; i++) {
    const code = schoolCode(i, p.schools);
    for (const y of yearCodes(p)) {
      plans.push({ schoolId: stableId(code, 'school'), yearId: stableId(code, 'year', y), state: 'full_year', seed: BENCH_SEED + i });
    }
  }
  return plans;
}

export function buildSchools(p: ScaleParams, from: number, to: number, soId: string, passwordHash: string): Dataset {
  const years = yearCodes(p);
  const perGrade = Math.max(1, Math.round(p.classesPerSchool / 3));
  const sections = Array.from({ length: perGrade }, (_, i) => `A${i + 1}`);
  const out = emptyDataset();
  for (let i = from; i <= to; i++) {
    const code = schoolCode(i, p.schools);
    const domain = benchDomain(code);
    mergeInto(out, buildSchool({
      code, name: `Trường THPT Thử Tải ${String(i).padStart(2, '0')}`, level: 'upper_secondary', parentId: soId, years, sections,
      studentsPerClass: p.studentsPerClass, seed: BENCH_SEED + i, studentCodePrefix: `79${String(i).padStart(3, '0')}`,
      teacherEmail: (n) => `gv.${n}@${domain}`, staffPasswordHash: passwordHash,
      leaders: [{ email: `bgh@${domain}`, roles: ['principal', 'admin_board'] }],
    }).data);
    mergeInto(out, nurseAccounts([{ code, schoolId: stableId(code, 'school'), yearId: stableId(code, 'year', years[years.length - 1]!) }], passwordHash));
  }
  return out;
}

/** A generated school's nurse: yte@<school>.bench.local. */
export const nurseEmail = (code: string) => `yte@${benchDomain(code)}`;

/**
 * The nurse of each generated school (role nurse in the school's current year), made apart from
 * buildSchool so that its random draws — every other name of the preset — stay as they were.
 */
export function nurseAccounts(schools: readonly { code: string; schoolId: string; yearId: string }[], passwordHash: string): Dataset {
  const out = emptyDataset();
  for (const s of schools) {
    const id = stableId(s.code, 'staff', 'nurse');
    out.users.push({ id, email: nurseEmail(s.code), encrypted_password: passwordHash, full_name: `Nhân viên Y tế ${s.code.slice('school-'.length)}`, login: true });
    out.memberships.push({ profile_id: id, org_unit_id: s.schoolId, school_year_id: s.yearId, role: 'nurse' });
  }
  return out;
}

/** Correction requests each generated school gets (sent to the BGH: the inbox's rows). */
export const CORRECTIONS_PER_SCHOOL = 24;

/**
 * A school year's correction inbox: the teachers of the school's first CORRECTIONS_PER_SCHOOL assignments
 * each ask to correct two students' first ĐĐGtx of semester 1 (the value recorded now, one point more
 * proposed) and send the request (draft → submitted, through the table's own checks). Returns how many.
 */
export async function loadCorrections(c: pg.ClientBase, schoolIds: readonly string[]): Promise<number> {
  const { rowCount } = await c.query(
    `with chosen as (
       select a.school_id, a.school_year_id, a.class_id, a.subject_id, a.teacher_id,
              row_number() over (partition by a.school_id order by a.class_id, a.subject_id) as n
       from public.teaching_assignments a
       join public.subjects s on s.id = a.subject_id and s.assessment_kind = 'scored'
       where a.school_id = any ($1::uuid[]) and a.ended_at is null
     ), requests as (
       insert into public.correction_requests (school_id, school_year_id, class_id, subject_id, semester, requested_by, reason)
       select school_id, school_year_id, class_id, subject_id, 1, teacher_id,
              'Nhập nhầm điểm kiểm tra thường xuyên (dữ liệu thử tải)'
       from chosen where n <= $2
       returning id, school_id, school_year_id, class_id, subject_id
     ), cells as (
       select r.id as request_id, r.school_id, r.school_year_id, e.student_id, e.score,
              row_number() over (partition by r.id order by e.student_id) as k
       from requests r
       join public.score_entries e on e.class_id = r.class_id and e.subject_id = r.subject_id
        and e.semester = 1 and e.kind = 'tx' and e.seq = 1 and e.score is not null
     )
     insert into public.correction_items (request_id, school_id, school_year_id, student_id, kind, seq, recorded_score, proposed_score)
     select request_id, school_id, school_year_id, student_id, 'tx', 1, score, least(10, score + 1)
     from cells where k <= 2`,
    [schoolIds, CORRECTIONS_PER_SCHOOL],
  );
  await c.query(
    `update public.correction_requests set status = 'submitted', submitted_at = now()
     where school_id = any ($1::uuid[]) and status = 'draft'`,
    [schoolIds],
  );
  return rowCount ?? 0;
}

/** The schools' health data (supabase/seed/health.ts), dated up to the database's public.app_today(). */
export async function loadSchoolsHealth(c: pg.ClientBase, schoolIds: string[]): Promise<Record<string, number>> {
  const { rows: [t] } = await c.query<{ today: string }>(`select public.app_today()::text as today`);
  return loadHealth(c, { schoolIds, today: t!.today });
}

/** Loads a dataset, its gradebook and its health data in one transaction; returns the score entries written. */
async function inTransaction(c: pg.ClientBase, data: Dataset, gradebook: GradebookYearPlan[] = [], health = false): Promise<number> {
  let entries = 0;
  const schoolIds = data.org_units.filter((o) => o.kind === 'school').map((o) => o.id);
  await c.query('begin');
  try {
    await loadDataset(c, data);
    // Triggers off around the bulk gradebook inserts (as in the demo seed): with them on, the foreign-key
    // checks and one audit entry holding every row of the statement cost ~7× the insert itself.
    for (const g of gradebook) entries += (await loadGradebookYear(c, g, { bypassTriggers: true })).score_entries!;
    if (gradebook.length) await loadCorrections(c, schoolIds);
    if (health && schoolIds.length) await loadSchoolsHealth(c, schoolIds);
    await c.query('commit');
  } catch (e) {
    await c.query('rollback');
    throw e;
  }
  return entries;
}

async function main() {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string' }, schools: { type: 'string' }, classes: { type: 'string' }, students: { type: 'string' },
      years: { type: 'string' }, db: { type: 'string' }, batch: { type: 'string' }, parallel: { type: 'string' },
      'no-gradebook': { type: 'boolean' }, corrections: { type: 'boolean' }, 'no-health': { type: 'boolean' }, health: { type: 'boolean' },
    },
  });
  const withGradebook = !values['no-gradebook'];
  const withHealth = !values['no-health'];
  const base: ScaleParams = values.preset ? PRESETS[values.preset as keyof typeof PRESETS] : PRESETS.district;
  if (!base) throw new Error(`Unknown preset ${values.preset} (district, province)`);
  const p: ScaleParams = {
    schools: Number(values.schools ?? base.schools),
    classesPerSchool: Number(values.classes ?? base.classesPerSchool),
    studentsPerClass: Number(values.students ?? base.studentsPerClass),
    years: Number(values.years ?? base.years),
  };
  const batch = Number(values.batch ?? 1);
  const parallel = Number(values.parallel ?? 2);
  const url = values.db ?? process.env.SDT_DB_URL ?? 'postgres://postgres:postgres@127.0.0.1:54322/postgres';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await assertLocalDatabase(client);
    if (values.corrections) {
      // A preset generated before the correction inbox was: add it to every school that has none.
      const { rows: bare } = await client.query<{ id: string }>(
        `select o.id from public.org_units o where o.kind = 'school' and o.code like 'school-%'
           and not exists (select 1 from public.correction_requests q where q.school_id = o.id)`,
      );
      await client.query('begin');
      const n = await loadCorrections(client, bare.map((r) => r.id));
      await client.query('commit');
      console.log(`Added ${n} correction items to ${bare.length} schools.`);
      return;
    }
    if (values.health) {
      // A preset generated before the health module: a nurse for every school that has none this year,
      // and the health data of every school that has no health book yet.
      const { rows: schools } = await client.query<{ code: string; school_id: string; year_id: string; nurse: boolean; books: boolean }>(
        `select o.code, o.id as school_id, y.id as year_id,
                exists (select 1 from public.memberships m where m.org_unit_id = o.id and m.school_year_id = y.id and m.role = 'nurse') as nurse,
                exists (select 1 from public.health_books b where b.school_id = o.id) as books
         from public.org_units o join public.school_years y on y.school_id = o.id and y.id in (select private.current_school_year_ids())
         where o.kind = 'school' and o.code like 'school-%' order by o.code`,
      );
      const started = Date.now();
      const needNurse = schools.filter((s) => !s.nurse).map((s) => ({ code: s.code, schoolId: s.school_id, yearId: s.year_id }));
      const needData = schools.filter((s) => !s.books).map((s) => s.school_id);
      await client.query('begin');
      try {
        if (needNurse.length) await loadDataset(client, nurseAccounts(needNurse, await bcrypt.hash(DEMO_PASSWORD, 10)));
        const counts = needData.length ? await loadSchoolsHealth(client, needData) : {};
        await client.query('commit');
        await client.query('analyze');
        console.log(`Added ${needNurse.length} nurse accounts and the health data of ${needData.length} schools ` +
          `(${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
      return;
    }
    const { rows } = await client.query(`select 1 from public.org_units where code = 'bench-so'`);
    if (rows.length) throw new Error('The generated organisation is already loaded (bench-so); reset the local database to regenerate.');
    const started = Date.now();
    // bcrypt is slow (cost 10): one hash for every bench account.
    const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
    const org = benchOrg(hash);
    await inTransaction(client, org.data);
    // One school per transaction (a school is its own audit chain, so this writes as few audit entries as
    // one big batch would), on `parallel` connections: the load is bound by the database's triggers and
    // constraint checks, which run in parallel across schools.
    let students = 0;
    let entries = 0;
    let next = 1;
    const workers = await Promise.all(Array.from({ length: parallel }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }));
    await Promise.all(workers.map(async (c) => {
      while (next <= p.schools) {
        const from = next;
        const to = Math.min(p.schools, from + batch - 1);
        next = to + 1;
        const data = buildSchools(p, from, to, org.soId, hash);
        const n = await inTransaction(c, data, withGradebook ? gradebookPlans(p, from, to) : [], withHealth);
        students += data.students.length;
        entries += n;
        console.log(`  schools ${from}–${to}: ${data.students.length} students, ${data.classes.length} classes, ${data.users.length} accounts, ` +
          `${n} score entries (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
      await c.end();
    }));
    await client.query('analyze');
    const { rows: size } = await client.query<{ size: string }>(`select pg_size_pretty(pg_database_size(current_database())) as size`);
    const loaded = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Generated ${p.schools} schools × ${p.classesPerSchool} classes × ~${p.studentsPerClass} students = ${students} students ` +
      `and ${entries} score entries in ${loaded} s; database size ${size[0]!.size}.`);
    console.log(`Sign in as bgh@${benchDomain(schoolCode(1, p.schools))}, gv.1@${benchDomain(schoolCode(1, p.schools))} or ` +
      `${nurseEmail(schoolCode(1, p.schools))} (password ${DEMO_PASSWORD}).`);
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
