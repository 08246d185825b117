// Retention (issue 19, item 4; migration 20261205010000): nothing that holds a student's records can be
// hard-deleted through any API while its retention runs — transcript data at least 5 years after the
// student leaves, transcripts and dossiers for good, health records per health_settings. "Any API" is
// PostgREST as each role (the service key of every edge function included), the RPCs, and Storage.
//
// Every table of the exposed schema and every bucket is classified here; a new one fails the catalog test
// until it is. Each refusal is tried over HTTP and followed by a check, as the database owner, that the row
// (or object) is still there; each kind of refusal has its positive control (the same caller may do the
// lawful thing: read the row, clear a cell of the current year, remove a current membership), and the
// owner's own connection (a DBA's purge once retention has run) may still delete.
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { holdClass, THPT_CURRENT_HK1 } from '../helpers/classLock.ts';
import { createOwnSchool, type OwnSchool } from '../helpers/ownSchool.ts';
import { createUser, serviceClient, signedIn, superuser } from '../helpers/stack.ts';

const ALWAYS = 'Dữ liệu này thuộc hồ sơ của học sinh, được lưu giữ theo quy định: không được xoá, chỉ được sửa.';
const ended = (year: string) => `Năm học ${year} đã kết thúc: dữ liệu của năm học được lưu giữ theo quy định, không được xoá.`;

/** Refused for the API whatever the row (a student's identity, page 1, the health book). */
const RETAINED_ALWAYS = ['students', 'student_details', 'guardians', 'enrolments', 'subject_exemptions', 'health_books', 'health_conditions',
  'health_allergies', 'health_vaccinations', 'health_screenings', 'clinic_visits', 'health_notices', 'health_access_log'];
/** Refused once the row's school year has ended (before that, the freezes decide). */
const RETAINED_OPEN_YEAR = ['score_entries', 'subject_comments', 'conduct_ratings', 'attendance', 'quality_ratings', 'student_measures', 'memberships', 'teaching_assignments'];
/** Records that refused every delete before this issue, each by a trigger of its own (any role). */
const FROZEN_BY_OWN_TRIGGER = ['document_versions', 'copy_applications', 'signatures', 'certificates', 'correction_items'];
/**
 * What the API may delete, and why that is not a student's record: configuration nothing refers to (a
 * foreign key restricts the rest: 252 of them, none cascades), transient work, and security material.
 */
const DELETABLE: Record<string, string> = {
  assessment_periods: 'test dates of a year (configuration)',
  class_subjects: 'a subject of a class: restricted once a score, comment or assignment refers to it',
  department_members: 'who is in which Tổ (configuration)',
  classes: 'restricted once an enrolment or a record refers to it (service key only)',
  school_years: 'restricted once anything of the year exists (service key only)',
  org_units: 'restricted once anything of the unit exists (service key only)',
  departments: 'restricted once a member refers to it (service key only)',
  subjects: 'the subject catalogue, restricted once used (service key only)',
  profiles: 'an account just created is removed when its provisioning fails; restricted once anything refers to it',
  print_layouts: 'layout settings of the printed forms',
  health_settings: 'a school’s health settings (the retention years among them): configuration',
  who_growth_lms: 'the WHO reference tables (reference data, reloaded by migration)',
  jobs: 'the job queue (transient; a job’s results are stored elsewhere)',
  job_steps: 'the job queue (transient)',
  signing_windows: 'a signing session (workflow state; the signatures are frozen)',
  signing_batches: 'a signing session (workflow state; the signatures are frozen)',
  signing_batch_items: 'a signing session (workflow state; the signatures are frozen)',
  signing_providers: 'the signing service’s configuration',
  signing_provider_secrets: 'the signing service’s credentials (rotated)',
  certificate_keys: 'a key is destroyed when its certificate is revoked',
  certificate_requests: 'a request before the certificate exists',
};
const BUCKETS: Record<string, 'frozen' | 'frozen_once_recorded' | 'transient'> = {
  documents: 'frozen',
  'signed-documents': 'frozen',
  'dossier-packages': 'frozen',
  pki: 'frozen',
  // Backups (issue 19): never replaced or removed; written only by the jobs worker.
  backups: 'frozen',
  dossiers: 'frozen_once_recorded',
  'correction-evidence': 'frozen_once_recorded',
  'job-files': 'transient',
};

let su: pg.Client;
let svc: SupabaseClient<Database>;
const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await su.query(sql, params)).rows as T[];

beforeAll(async () => {
  su = await superuser();
  svc = serviceClient();
});
afterAll(async () => {
  await su?.end();
});

/** The primary key's first column of a public table. */
const pkOf = async (table: string) =>
  (
    await q<{ attname: string }>(
      `select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = $1::regclass and i.indisprimary`,
      [`public.${table}`],
    )
  )[0]?.attname ?? null;

describe('retention: the catalog', () => {
  it('every table of the API schema is retained, frozen by a trigger of its own, closed to the API, or named deletable with a reason', async () => {
    const tables = await q<{ name: string; api_delete: boolean; guard: string | null }>(
      `select c.relname as name,
              has_table_privilege('anon', c.oid, 'DELETE') or has_table_privilege('authenticated', c.oid, 'DELETE')
                or has_table_privilege('service_role', c.oid, 'DELETE') as api_delete,
              (select string_agg(distinct encode(t.tgargs, 'escape'), ',') from pg_trigger t
                where t.tgrelid = c.oid and t.tgfoid = 'private.retention_guard'::regproc) as guard
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    const unclassified: string[] = [];
    for (const t of tables) {
      const guard = t.guard?.replace(/\\000/g, '') ?? null;
      if (RETAINED_ALWAYS.includes(t.name)) expect(guard, t.name).toBe('always');
      else if (RETAINED_OPEN_YEAR.includes(t.name)) expect(guard, t.name).toBe('open_year');
      else if (t.api_delete && !FROZEN_BY_OWN_TRIGGER.includes(t.name) && !(t.name in DELETABLE)) unclassified.push(t.name);
    }
    // A new table with a delete grant must be classified here (and guarded if it holds a student's records).
    expect(unclassified).toEqual([]);
    // Nothing retained is truncatable by an API role (a truncate fires no delete trigger).
    const truncatable = await q<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname = any($1)
          and (has_table_privilege('anon', c.oid, 'TRUNCATE') or has_table_privilege('authenticated', c.oid, 'TRUNCATE') or has_table_privilege('service_role', c.oid, 'TRUNCATE'))`,
      [[...RETAINED_ALWAYS, ...RETAINED_OPEN_YEAR]],
    );
    expect(truncatable).toEqual([]);
  });

  it('every bucket is frozen, frozen once recorded, or transient', async () => {
    const buckets = (await q<{ id: string }>(`select id from storage.buckets order by id`)).map((b) => b.id);
    // Buckets the test suites make for themselves (storage tests) are not the product's.
    const product = buckets.filter((b) => !/^(tokens-test|bi-|test-|private-|public-)/.test(b));
    expect(product.filter((b) => !(b in BUCKETS))).toEqual([]);
  });
});

describe('retention: the service key (every edge function holds it) tries every table', () => {
  it('each row of a retained or frozen table is refused, with a sentence, and is still there', async () => {
    const endedYears = (await q<{ id: string }>(`select id from public.school_years where ends_on < public.app_today()`)).map((r) => r.id);
    expect(endedYears.length).toBeGreaterThan(0);
    const tables = (await q<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                               where n.nspname = 'public' and c.relkind = 'r' order by 1`)).map((t) => t.name);
    const tried: string[] = [];
    const problems: string[] = [];
    for (const table of tables) {
      if (table in DELETABLE) continue;
      const pk = await pkOf(table);
      if (!pk) continue;
      const yearScoped = RETAINED_OPEN_YEAR.includes(table);
      const [row] = await q<{ k: string }>(
        `select ${pk}::text as k from public.${table} ${yearScoped ? 'where school_year_id = any($1)' : 'where $1::uuid[] is not null'} limit 1`,
        [endedYears],
      );
      if (!row) continue;
      tried.push(table);
      const { data, error } = await svc.from(table as 'students').delete().eq(pk as 'id', row.k).select();
      const still = Number((await q<{ n: string }>(`select count(*) as n from public.${table} where ${pk}::text = $1`, [row.k]))[0]!.n);
      if (!error || still === 0) problems.push(`${table}: deleted (${JSON.stringify(data)?.slice(0, 80)}), ${still} left`);
      else if (RETAINED_ALWAYS.includes(table) && error.message !== ALWAYS) problems.push(`${table}: "${error.message}"`);
      else if (yearScoped && !/^Năm học .+ đã kết thúc: dữ liệu của năm học được lưu giữ theo quy định, không được xoá\.$|đã khoá/.test(error.message))
        problems.push(`${table}: "${error.message}"`);
    }
    expect(problems).toEqual([]);
    // The demo holds a row of each of these (of an ended year for the year-scoped ones): all were tried.
    for (const t of ['students', 'student_details', 'guardians', 'enrolments', 'health_books', 'health_conditions', 'health_vaccinations', 'health_screenings',
      'clinic_visits', 'health_notices', 'score_entries', 'conduct_ratings', 'attendance', 'student_measures', 'memberships', 'teaching_assignments',
      'audit_log', 'dossier_obligations', 'result_publications'])
      expect(tried, t).toContain(t);
  });

  it('a row of the current year is still deletable where the workflow allows it (the positive control)', async () => {
    const release = await holdClass(THPT_CURRENT_HK1);
    try {
      const [a] = await q<{ school_id: string; school_year_id: string; class_id: string; student_id: string }>(
        `select e.school_id, e.school_year_id, e.class_id, e.student_id from public.enrolments e join public.classes c on c.id = e.class_id
          join public.school_years y on y.id = e.school_year_id
         where c.name = '10A1' and y.starts_on <= public.app_today() and y.ends_on >= public.app_today() and e.ended_on is null limit 1`,
      );
      const day = (await q<{ d: string }>(`select (public.app_today() - 1)::text as d`))[0]!.d;
      await q(`delete from public.attendance where student_id = $1 and on_date = $2`, [a!.student_id, day]);
      const made = await svc.from('attendance').insert({ ...a!, on_date: day, excused: true }).select('id');
      expect(made.error).toBeNull();
      const gone = await svc.from('attendance').delete().eq('id', made.data![0]!.id).select('id');
      expect(gone.error).toBeNull();
      expect(gone.data).toHaveLength(1);
    } finally {
      await release();
    }
  });

  it('truncate is refused to the API roles, and the owner’s own connection (a purge once retention has run) may delete', async () => {
    for (const role of ['service_role', 'authenticated']) {
      await su.query('begin');
      try {
        await su.query(`set local role ${role}`);
        await expect(su.query('truncate public.health_conditions')).rejects.toThrow(/permission denied/);
      } finally {
        await su.query('rollback');
      }
    }
    // Even a truncate the owner lets the service role run (a grant added by mistake) is refused by the trigger.
    await su.query('begin');
    try {
      await su.query('grant truncate on public.guardians to service_role');
      await su.query('set local role service_role');
      await expect(su.query('truncate public.guardians')).rejects.toThrow(ALWAYS);
    } finally {
      await su.query('rollback');
    }
    await su.query('begin');
    try {
      const { rowCount } = await su.query(`delete from public.student_details where student_id = (select student_id from public.student_details limit 1)`);
      expect(rowCount).toBe(1);
    } finally {
      await su.query('rollback');
    }
  });
});

describe('retention: the people who used to be able to delete', () => {
  it('the nurse (yte@) reads her school’s health records but deletes none of them (she could delete any, any year, before)', async () => {
    const nurse = await signedIn('yte@thpt-tandong.edu.vn');
    const refused: string[] = [];
    for (const table of ['health_conditions', 'health_allergies', 'health_vaccinations', 'health_screenings', 'clinic_visits'] as const) {
      const [row] = await q<{ id: string }>(`select r.id from public.${table} r join public.org_units o on o.id = r.school_id where o.code = 'thpt-tandong' limit 1`);
      if (!row) continue;
      const read = await nurse.from(table).select('id').eq('id', row.id);
      expect(read.data, `${table}: the nurse reads it`).toEqual([{ id: row.id }]);
      const del = await nurse.from(table).delete().eq('id', row.id).select('id');
      expect(del.error?.code, table).toBe('42501');
      expect((await q(`select 1 from public.${table} where id = $1`, [row.id])).length, table).toBe(1);
      refused.push(table);
    }
    expect(refused).toEqual(expect.arrayContaining(['health_conditions', 'health_vaccinations', 'health_screenings', 'clinic_visits']));
    // She still corrects one (the lawful way): an update is not refused.
    const [condition] = await q<{ id: string; active: boolean }>(`select r.id, r.active from public.health_conditions r join public.org_units o on o.id = r.school_id
                                                                   where o.code = 'thpt-tandong' limit 1`);
    const same = await nurse.from('health_conditions').update({ active: condition!.active }).eq('id', condition!.id).select('id');
    expect(same.error).toBeNull();
    expect(same.data).toHaveLength(1);
  });

  describe('a year that ended without a lock (a school of the test’s own, 2025–2026, never locked)', () => {
    let own: OwnSchool;
    beforeAll(async () => {
      own = await createOwnSchool(su, { studentsPerClass: 3 });
    });

    it('its GVCN deletes none of its conduct ratings and its teacher clears no score, directly or through the save RPC', async () => {
      const cls = own.classes['10A1'];
      const gvcn = await signedIn(cls.gvcn);
      const [rating] = await q<{ id: string }>(`select id from public.conduct_ratings where class_id = $1 limit 1`, [cls.id]);
      expect(rating, 'the own school has conduct ratings').toBeDefined();
      const read = await gvcn.from('conduct_ratings').select('id').eq('id', rating!.id);
      expect(read.data).toEqual([{ id: rating!.id }]);
      const del = await gvcn.from('conduct_ratings').delete().eq('id', rating!.id).select('id');
      expect(del.error?.message).toBe(ended('2025-2026'));
      expect((await q(`select 1 from public.conduct_ratings where id = $1`, [rating!.id])).length).toBe(1);

      const teacherId = (await q<{ id: string }>(`select id from public.profiles where email = $1`, [cls.teacher]))[0]!.id;
      const [entry] = await q<{ id: string; subject_id: string; semester: number; student_id: string; kind: string; seq: number; version: number; is_makeup: boolean }>(
        `select se.id, se.subject_id, se.semester, se.student_id, se.kind::text, se.seq, se.version, se.is_makeup
           from public.score_entries se join public.teaching_assignments ta on ta.class_id = se.class_id and ta.subject_id = se.subject_id
          where se.class_id = $1 and ta.teacher_id = $2 and se.semester = 1 and se.kind = 'gk' limit 1`,
        [cls.id, teacherId],
      );
      expect(entry, 'a score of the teacher’s subject').toBeDefined();
      const teacher = await signedIn(cls.teacher);
      const cleared = await teacher.rpc('save_score_entries', {
        p_class_id: cls.id,
        p_subject_id: entry!.subject_id,
        p_semester: 1,
        p_changes: [{ student_id: entry!.student_id, kind: entry!.kind, seq: entry!.seq, value: null, version: entry!.version, is_makeup: entry!.is_makeup }],
      });
      expect(cleared.error?.message).toBe(ended('2025-2026'));
      expect((await q(`select 1 from public.score_entries where id = $1`, [entry!.id])).length).toBe(1);
      // The positive control: the same teacher may still change that value (an ended, unlocked year is not frozen).
      const changed = await teacher.rpc('save_score_entries', {
        p_class_id: cls.id,
        p_subject_id: entry!.subject_id,
        p_semester: 1,
        p_changes: [{ student_id: entry!.student_id, kind: entry!.kind, seq: entry!.seq, value: 7, version: entry!.version, is_makeup: entry!.is_makeup }],
      });
      expect(changed.error).toBeNull();
    });

    it('its admin board removes no membership of that year, while it may remove one it just gave in the current year', async () => {
      const board = await signedIn(own.board);
      const teacherId = (await q<{ id: string }>(`select id from public.profiles where email = $1`, [own.classes['10A1'].teacher]))[0]!.id;
      const [m] = await q<{ id: string }>(`select id from public.memberships where profile_id = $1 and school_year_id = $2`, [teacherId, own.yearId]);
      const del = await board.from('memberships').delete().eq('id', m!.id).select('id');
      expect(del.error?.message).toBe(ended('2025-2026'));
      expect((await q(`select 1 from public.memberships where id = $1`, [m!.id])).length).toBe(1);
      // Positive control: the demo board removes a current-year role of an account of its school.
      const thptBoard = await signedIn('bqt@thpt-tandong.edu.vn');
      const fresh = await createUser({ email: `retention-${crypto.randomUUID().slice(0, 8)}@thpt-tandong.edu.vn` });
      await q(`insert into public.profiles (id, full_name, email) values ($1, 'Giáo viên Tạm', $2) on conflict (id) do nothing`, [fresh.id, fresh.email]);
      const [given] = await q<{ id: string }>(
        `insert into public.memberships (profile_id, org_unit_id, school_year_id, role)
         select $1, o.id, y.id, 'subject_teacher' from public.org_units o join public.school_years y on y.school_id = o.id
          where o.code = 'thpt-tandong' and y.starts_on <= public.app_today() and y.ends_on >= public.app_today() returning id`,
        [fresh.id],
      );
      const removed = await thptBoard.from('memberships').delete().eq('id', given!.id).select('id');
      expect(removed.error).toBeNull();
      expect(removed.data).toHaveLength(1);
    });
  });
});

describe('retention: storage', () => {
  it('the service key removes no archived or public-key object; each stays', async () => {
    const tag = crypto.randomUUID();
    const pdf = new Blob([`%PDF-1.4\n% retention test ${tag}\n%%EOF\n`], { type: 'application/pdf' });
    const tries: { bucket: string; path: string; body: Blob; message: RegExp }[] = [
      { bucket: 'documents', path: `retention-test/${tag}.pdf`, body: pdf, message: /không được thay thế hay xoá/ },
      { bucket: 'signed-documents', path: `retention-test/${tag}.pdf`, body: pdf, message: /không được thay thế hay xoá/ },
      { bucket: 'backups', path: `retention-test/${tag}.bin`, body: new Blob([new Uint8Array([1, 2, 3])], { type: 'application/octet-stream' }), message: /không được thay thế hay xoá/ },
      { bucket: 'pki', path: `retention-test/${tag}.crl`, body: new Blob([new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])], { type: 'application/pkix-crl' }), message: /không được xoá/ },
    ];
    for (const t of tries) {
      const up = await svc.storage.from(t.bucket).upload(t.path, t.body, { contentType: t.body.type });
      expect(up.error, `${t.bucket}: upload`).toBeNull();
      const removed = await svc.storage.from(t.bucket).remove([t.path]);
      const left = await q(`select 1 from storage.objects where bucket_id = $1 and name = $2`, [t.bucket, t.path]);
      expect(left.length, `${t.bucket}: ${JSON.stringify(removed)}`).toBe(1);
      expect(removed.error?.message ?? '', t.bucket).toMatch(t.message);
    }
  });
});
