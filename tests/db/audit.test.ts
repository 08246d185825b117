// The audit log in a database of this file's own (cloned from the template), with schools and people
// made here: entries carry actor, table, keys and old/new values; one statement makes one entry per
// chain (school × school year); verify_audit_chain finds the first tampered entry; no role can write the
// log; reading (rpc/audit_entries; the table itself is not readable by `authenticated`) shows each
// entry reduced to the rows the reader reads in the described table (a teacher its class's students,
// the full profile only the GVCN), by that table's own SELECT policy as it stands when read.
import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, cloneTemplateDb } from '../helpers/stack.ts';

let db: Awaited<ReturnType<typeof cloneTemplateDb>>;
let c: pg.Client;
const run = crypto.randomBytes(4).toString('hex');
const ids = { school: '', other: '', year: '', otherYear: '', admin: '', teacherOther: '', teacher: '' };

async function one(sql: string, params: unknown[] = []): Promise<string> {
  const { rows } = await c.query(sql, params);
  return String(Object.values(rows[0])[0]);
}
async function person(label: string): Promise<string> {
  const id = crypto.randomUUID();
  await c.query(`insert into auth.users (id, email, aud, role) values ($1, $2, 'authenticated', 'authenticated')`, [id, `${label}-${run}@test.local`]);
  await c.query(`insert into public.profiles (id, full_name, email) values ($1, $2, $3)`, [id, `Người ${label}`, `${label}-${run}@test.local`]);
  return id;
}
const insertStudents = (school: string, n: number, tag: string) =>
  c.query(`insert into public.students (school_id, student_code, family_name, given_name, gender, birth_date)
           select $1, $2 || g, 'Vũ', 'Số' || g, 'female', '2011-03-03' from generate_series(1, $3) g returning id`, [school, `${run}${tag}`, n]);

beforeAll(async () => {
  db = await cloneTemplateDb();
  c = await db.connect();
  const province = await one(`insert into public.org_units (kind, code, name) values ('province', $1, 'Sở kiểm thử') returning id`, [`au-${run}-so`]);
  const district = await one(`insert into public.org_units (kind, parent_id, code, name) values ('district', $1, $2, 'Phòng kiểm thử') returning id`, [province, `au-${run}-ph`]);
  const school = async (tag: string) => one(`insert into public.org_units (kind, parent_id, code, name, school_level) values ('school', $1, $2, $3, 'lower_secondary') returning id`,
    [district, `au-${run}-${tag}`, `Trường ${tag}`]);
  ids.school = await school('a');
  ids.other = await school('b');
  const year = (s: string) => one(`insert into public.school_years (school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on)
    values ($1, '2026-2027', public.app_today() - 60, public.app_today() + 30, public.app_today() + 31, public.app_today() + 200) returning id`, [s]);
  ids.year = await year(ids.school);
  ids.otherYear = await year(ids.other);
  ids.admin = await person('admin');
  ids.teacher = await person('teacher');
  ids.teacherOther = await person('teacher-other');
  await c.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values
    ($1, $4, $5, 'admin_board'), ($2, $4, $5, 'subject_teacher'), ($3, $6, $7, 'subject_teacher')`,
    [ids.admin, ids.teacher, ids.teacherOther, ids.school, ids.year, ids.other, ids.otherYear]);
});
afterAll(async () => {
  await c?.end();
  await db?.drop();
});

type Entry = { id: string; actor_id: string | null; actor_role: string; table_name: string; action: string; row_keys: string[]; old_rows: Record<string, unknown>[] | null; new_rows: Record<string, unknown>[] | null; seq: string };
const entries = async (school: string, table: string) =>
  (await c.query<Entry>(`select id::text, actor_id, actor_role, table_name, action, row_keys, old_rows, new_rows, seq::text from public.audit_log where school_id = $1 and table_name = $2 order by seq`, [school, table])).rows;

describe('audit log', () => {
  it('records who inserted and updated a student, with the keys and the old and new values', async () => {
    await asUser(c, { sub: ids.admin }, async () => {
      const id = (await c.query(`insert into public.students (school_id, student_code, family_name, given_name, gender, birth_date)
                                 values ($1, $2, 'Đỗ', 'An', 'male', '2011-01-01') returning id`, [ids.school, `${run}x1`])).rows[0].id as string;
      await c.query(`update public.students set given_name = 'Bình' where id = $1`, [id]);
      // The admin board reads its school's log through rpc/audit_entries (newest first).
      const { rows } = await c.query<Entry>(`select actor_id, actor_role, table_name, action, row_keys, old_rows, new_rows
                                             from public.audit_entries(p_school_id => $1, p_table_name => 'students', p_row_key => $2) order by id`, [ids.school, id]);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ actor_id: ids.admin, actor_role: 'authenticated', table_name: 'students', action: 'insert', row_keys: [id], old_rows: null });
      expect(rows[0]!.new_rows![0]).toMatchObject({ id, family_name: 'Đỗ', given_name: 'An' });
      expect(rows[1]).toMatchObject({ actor_id: ids.admin, action: 'update', row_keys: [id] });
      expect(rows[1]!.old_rows![0]).toMatchObject({ given_name: 'An' });
      expect(rows[1]!.new_rows![0]).toMatchObject({ given_name: 'Bình' });
    });
  });

  it('makes one entry per chain for a multi-row insert, also when it spans two schools', async () => {
    const before = (await entries(ids.school, 'students')).length;
    const { rows } = await insertStudents(ids.school, 3, 'm');
    const after = await entries(ids.school, 'students');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.row_keys.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(after.at(-1)!.new_rows).toHaveLength(3);
    const beforeOther = (await entries(ids.other, 'students')).length;
    const beforeMine = after.length;
    await c.query(`insert into public.students (school_id, student_code, family_name, given_name, gender, birth_date)
                   select s, $3 || g, 'Hồ', 'Hai', 'male', '2011-04-04' from unnest(array[$1::uuid, $2::uuid]) s, generate_series(1, 2) g`,
      [ids.school, ids.other, `${run}t`]);
    expect(await entries(ids.school, 'students')).toHaveLength(beforeMine + 1);
    expect(await entries(ids.other, 'students')).toHaveLength(beforeOther + 1);
  });

  it('verify_audit_chain returns null for an intact chain and the first tampered entry after a direct update', async () => {
    await insertStudents(ids.school, 2, 'v');
    const chain = await entries(ids.school, 'students');
    expect(chain.length).toBeGreaterThanOrEqual(3);
    expect((await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r).toBeNull();
    // Year-scoped chain too (memberships carry a school year).
    expect((await c.query(`select public.verify_audit_chain($1, $2) as r`, [ids.school, ids.year])).rows[0].r).toBeNull();
    const victim = chain[1]!;
    await c.query('begin');
    try {
      await c.query(`update public.audit_log set new_rows = '[]'::jsonb where id = $1`, [victim.id]);
      const got = (await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r;
      expect(String(got)).toBe(victim.id);
    } finally {
      await c.query('rollback');
    }
    // Deleting an entry leaves a gap in the sequence: the next entry is reported.
    await c.query('begin');
    try {
      await c.query(`delete from public.audit_log where id = $1`, [victim.id]);
      expect(String((await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r)).toBe(chain[2]!.id);
    } finally {
      await c.query('rollback');
    }
  });

  it('lets the admin board verify its own school and refuses a teacher of another school', async () => {
    const mine = await asUser(c, { sub: ids.admin }, async () => (await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r);
    expect(mine).toBeNull();
    // verify_audit_chain lets the `postgres` session (maintenance) through, so act as PostgREST does:
    // session user `authenticator`, role `authenticated`, the caller's claims.
    const viaApi = async (sub: string) => {
      await c.query('begin');
      try {
        await c.query('set local session authorization authenticator');
        await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub, role: 'authenticated' })]);
        await c.query('set local role authenticated');
        return (await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r;
      } finally {
        await c.query('rollback');
      }
    };
    expect(await viaApi(ids.admin)).toBeNull();
    await expect(viaApi(ids.teacherOther)).rejects.toThrow(/không có quyền/);
    await expect(viaApi(ids.teacher)).rejects.toThrow(/không có quyền/);
  });

  for (const role of ['authenticated', 'service_role'] as const) {
    const sub = () => (role === 'authenticated' ? ids.admin : crypto.randomUUID());
    it(`refuses ${role} any insert, update or delete on audit_log`, async () => {
      const id = (await entries(ids.school, 'students'))[0]!.id;
      await expect(asUser(c, { sub: sub(), role }, () => c.query(
        `insert into public.audit_log (school_id, seq, actor_role, table_name, action, row_keys, hash) values ($1, 999, 'x', 'x', 'insert', '{}', '\\x00')`, [ids.school]))).rejects.toThrow(/permission denied/);
      await expect(asUser(c, { sub: sub(), role }, () => c.query(`update public.audit_log set actor_role = 'x' where id = $1`, [id]))).rejects.toThrow(/permission denied/);
      await expect(asUser(c, { sub: sub(), role }, () => c.query(`delete from public.audit_log where id = $1`, [id]))).rejects.toThrow(/permission denied/);
      await expect(asUser(c, { sub: sub(), role }, () => c.query(`truncate public.audit_log`))).rejects.toThrow(/permission denied/);
      // Positive control: the entry is still there, unchanged.
      expect((await c.query(`select actor_role from public.audit_log where id = $1`, [id])).rows[0].actor_role).not.toBe('x');
    });
  }

  it('refuses every signed-in user the table itself (reads go through rpc/audit_entries)', async () => {
    await expect(asUser(c, { sub: ids.admin }, () => c.query(`select id from public.audit_log limit 1`))).rejects.toThrow(/permission denied/);
    // Positive control: the admin board reads its school's entries through the reader.
    expect(await asUser(c, { sub: ids.admin }, async () =>
      Number((await c.query(`select count(*) as n from public.audit_entries(p_school_id => $1, p_limit => 1000)`, [ids.school])).rows[0].n))).toBeGreaterThan(0);
  });

  it('lets the admin board read its school\'s entries and hides them from teachers, of this school or another', async () => {
    const total = (await entries(ids.school, 'students')).length;
    expect(total).toBeGreaterThan(0);
    const count = (sub: string) => asUser(c, { sub }, async () =>
      Number((await c.query(`select count(*) as n from public.audit_entries(p_school_id => $1, p_limit => 1000)`, [ids.school])).rows[0].n));
    expect(await count(ids.admin)).toBeGreaterThanOrEqual(total);
    expect(await count(ids.teacherOther)).toBe(0);
    // A teacher of this school reads the school's structure entries (its school year), not its students'.
    const countOf = (sub: string, table: string) => asUser(c, { sub }, async () =>
      Number((await c.query(`select count(*) as n from public.audit_entries(p_school_id => $1, p_table_name => $2, p_limit => 1000)`, [ids.school, table])).rows[0].n));
    expect(await countOf(ids.teacher, 'students')).toBe(0);
    expect(await countOf(ids.teacher, 'school_years')).toBeGreaterThan(0);
  });

  it('lets a teacher read entries about the students of its class only, and only the homeroom teacher the full profile', async () => {
    const homeroom = await person('homeroom');
    await c.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'homeroom_teacher')`, [homeroom, ids.school, ids.year]);
    const subject = await one(`insert into public.subjects (school_level, code, name, assessment_kind, category, default_periods_per_year)
                               values ('lower_secondary', $1, 'Môn kiểm thử', 'scored', 'compulsory', 105) returning id`, [`au${run}`]);
    const cls = (name: string, gvcn: string | null) => one(`insert into public.classes (school_id, school_year_id, grade, name, homeroom_teacher_id)
                                                            values ($1, $2, 6, $3, $4) returning id`, [ids.school, ids.year, name, gvcn]);
    const mine = await cls('6A1', homeroom);
    const theirs = await cls('6A2', null);
    await c.query(`insert into public.class_subjects (school_id, school_year_id, class_id, subject_id, periods_per_year) values ($1, $2, $3, $4, 105)`, [ids.school, ids.year, mine, subject]);
    await c.query(`insert into public.teaching_assignments (school_id, school_year_id, class_id, subject_id, teacher_id) values ($1, $2, $3, $4, $5)`,
      [ids.school, ids.year, mine, subject, ids.teacher]);
    const student = async (tag: string, classId: string) => {
      const id = String((await insertStudents(ids.school, 1, tag)).rows[0].id);
      await c.query(`insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on)
                     select $1, $2, $3, $4, y.starts_on from public.school_years y where y.id = $2`, [ids.school, ids.year, id, classId]);
      await c.query(`insert into public.student_details (student_id, school_id, birth_place) values ($1, $2, 'Huế')`, [id, ids.school]);
      return id;
    };
    const sIn = await student('in', mine);
    const sOut = await student('out', theirs);
    const about = (sub: string, table: string, studentId: string) => asUser(c, { sub }, async () =>
      Number((await c.query(`select count(*) as n from public.audit_entries(p_school_id => $1, p_table_name => $2, p_student_id => $3)`,
        [ids.school, table, studentId])).rows[0].n));
    // The subject teacher: the student of its class (row and enrolment), not the other class's.
    expect(await about(ids.teacher, 'students', sIn)).toBe(1);
    expect(await about(ids.teacher, 'enrolments', sIn)).toBe(1);
    expect(await about(ids.teacher, 'students', sOut)).toBe(0);
    expect(await about(ids.teacher, 'enrolments', sOut)).toBe(0);
    // Not the full profile of its own student; the homeroom teacher of the class does read it.
    expect(await about(ids.teacher, 'student_details', sIn)).toBe(0);
    expect(await about(homeroom, 'student_details', sIn)).toBe(1);
    expect(await about(homeroom, 'student_details', sOut)).toBe(0);
    // Positive controls: the admin board reads every one of those entries.
    for (const [table, id] of [['students', sOut], ['enrolments', sOut], ['student_details', sIn], ['student_details', sOut]] as const) {
      expect(await about(ids.admin, table, id), `admin ${table}`).toBe(1);
    }
    // Entries carry the students they are about; the chain still verifies with the new column.
    expect((await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r).toBeNull();
    expect((await c.query(`select public.verify_audit_chain($1, $2) as r`, [ids.school, ids.year])).rows[0].r).toBeNull();
  });
});

describe('rpc/audit_entries: each entry reduced by the described table\'s own SELECT policy', () => {
  type Reduced = { id: string; row_keys: string[]; old_rows: Record<string, unknown>[] | null; new_rows: Record<string, unknown>[] | null };
  const read = (sub: string, sql: string, params: unknown[] = [], role = 'authenticated') =>
    asUser(c, { sub, role }, async () => (await c.query<Reduced>(sql, params)).rows);

  it('shows a homeroom teacher, of one statement enrolling students of two classes, only the row of its class; the service role the whole entry', async () => {
    const homeroom = await person('gvcn-bulk');
    await c.query(`insert into public.memberships (profile_id, org_unit_id, school_year_id, role) values ($1, $2, $3, 'homeroom_teacher')`, [homeroom, ids.school, ids.year]);
    const cls = (name: string, gvcn: string | null) => one(`insert into public.classes (school_id, school_year_id, grade, name, homeroom_teacher_id)
                                                            values ($1, $2, 7, $3, $4) returning id`, [ids.school, ids.year, name, gvcn]);
    const mine = await cls('7B1', homeroom);
    const theirs = await cls('7B2', null);
    const [sIn, sOut] = (await insertStudents(ids.school, 2, 'bulk')).rows.map((r) => String(r.id));
    await c.query(`insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on)
                   select $1, $2, x.s, x.k, y.starts_on from public.school_years y, (values ($3::uuid, $4::uuid), ($5::uuid, $6::uuid)) x (s, k) where y.id = $2`,
      [ids.school, ids.year, sIn, mine, sOut, theirs]);
    const entry = (await c.query<{ id: string; n: number }>(`select id::text, jsonb_array_length(new_rows) as n from public.audit_log
      where table_name = 'enrolments' and student_ids @> array[$1::uuid, $2::uuid]`, [sIn, sOut])).rows;
    expect(entry).toEqual([{ id: expect.any(String), n: 2 }]);
    const byId = `select id::text, row_keys, old_rows, new_rows from public.audit_entries(p_id => $1)`;
    const got = await read(homeroom, byId, [entry[0]!.id]);
    expect(got).toHaveLength(1);
    expect(got[0]!.new_rows!.map((r) => r.student_id)).toEqual([sIn]);
    expect(got[0]!.old_rows).toBeNull();
    expect(got[0]!.row_keys).toEqual([String(got[0]!.new_rows![0]!.id)]);
    // The same reader reads exactly that row in the table; the other class's row it reads nowhere.
    const inTable = await read(homeroom, `select id::text from public.enrolments where student_id = any ($1)`, [[sIn, sOut]]);
    expect(inTable.map((r) => r.id)).toEqual(got[0]!.row_keys);
    // Controls: the service role (and the admin board) read the entry whole.
    for (const [sub, role] of [[crypto.randomUUID(), 'service_role'], [ids.admin, 'authenticated']] as const) {
      const whole = await read(sub, byId, [entry[0]!.id], role);
      expect(whole[0]!.new_rows!.map((r) => r.student_id).sort(), role).toEqual([sIn, sOut].sort());
    }
    // A teacher of another school reads nothing of it.
    expect(await read(ids.teacherOther, byId, [entry[0]!.id])).toEqual([]);
  });

  it('follows a table audited later and its policies as they change: permissive, restrictive, column grants, RLS off, no grant', async () => {
    await c.query(`create table public.audit_probe (id uuid primary key default extensions.gen_random_uuid(), school_id uuid not null,
                     owner_id uuid, note text not null)`);
    await c.query(`alter table public.audit_probe enable row level security`);
    await c.query(`grant select on public.audit_probe to authenticated`);
    await c.query(`create policy audit_probe_select on public.audit_probe for select to authenticated using (owner_id = (select auth.uid()))`);
    await c.query(`select private.enable_audit('public.audit_probe')`);
    await c.query(`insert into public.audit_probe (school_id, owner_id, note) values ($1, $2, 'của giáo viên'), ($1, $3, 'của ban quản trị'), ($1, null, 'bí mật')`,
      [ids.school, ids.teacher, ids.admin]);
    const notes = async (sub: string) => (await read(sub, `select id::text, row_keys, old_rows, new_rows from public.audit_entries(p_table_name => 'audit_probe')`))
      .flatMap((e) => e.new_rows ?? []).map((r) => r.note ?? `(${Object.keys(r).sort().join(',')})`).sort();
    expect(await notes(ids.teacher)).toEqual(['của giáo viên']);
    expect(await notes(ids.admin)).toEqual(['của ban quản trị']);
    await c.query(`alter policy audit_probe_select on public.audit_probe using (school_id is not null)`);
    expect(await notes(ids.teacher)).toEqual(['bí mật', 'của ban quản trị', 'của giáo viên']);
    await c.query(`create policy audit_probe_hide on public.audit_probe as restrictive for select to authenticated using (note <> 'bí mật')`);
    expect(await notes(ids.teacher)).toEqual(['của ban quản trị', 'của giáo viên']);
    await c.query(`revoke select on public.audit_probe from authenticated`);
    await c.query(`grant select (id, school_id, owner_id) on public.audit_probe to authenticated`);
    expect(await notes(ids.teacher)).toEqual(['(id,owner_id,school_id)', '(id,owner_id,school_id)']);
    await c.query(`revoke select (id, school_id, owner_id) on public.audit_probe from authenticated`);
    expect(await notes(ids.teacher)).toEqual([]);
    await c.query(`grant select on public.audit_probe to authenticated`);
    await c.query(`alter table public.audit_probe disable row level security`);
    expect(await notes(ids.teacherOther)).toEqual([]); // the reader scans only chains of the caller's own schools
    expect(await notes(ids.teacher)).toEqual(['bí mật', 'của ban quản trị', 'của giáo viên']);
    // Nothing of this touched the entries: the chain still verifies.
    expect((await c.query(`select public.verify_audit_chain($1, null) as r`, [ids.school])).rows[0].r).toBeNull();
  });

  it('filters rows by p_match (one gradebook cell) and refuses a page size out of range in Vietnamese', async () => {
    const [a1, a2] = (await insertStudents(ids.school, 2, 'match')).rows.map((r) => String(r.id));
    const rows = await read(ids.admin, `select new_rows from public.audit_entries(p_table_name => 'students', p_match => $1)`, [JSON.stringify({ id: a2 })]);
    expect(rows.map((r) => r.new_rows!.map((x) => x.id))).toEqual([[a2]]);
    expect(a1).not.toBe(a2);
    await expect(read(ids.admin, `select * from public.audit_entries(p_limit => 5000)`)).rejects.toThrow(/từ 1 đến 1000 mục/);
  });

  it('evaluates only policies that reference no table directly (so reading them as the function owner equals reading them as the caller)', async () => {
    // A policy of an audited table that queried a table itself would see that table without its RLS
    // inside the security-definer reader; policies go through private helpers instead.
    const offenders = async () => (await c.query<{ x: string }>(`
      select c.relname || '.' || pol.polname || ' -> ' || d.refobjid::regclass::text as x
      from pg_policy pol join pg_class c on c.oid = pol.polrelid
      join pg_depend d on d.classid = 'pg_policy'::regclass and d.objid = pol.oid and d.refclassid = 'pg_class'::regclass and d.refobjid <> pol.polrelid
      where pol.polcmd in ('r', '*') and exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'audit_insert')
      order by 1`)).rows.map((r) => r.x);
    expect(await offenders()).toEqual([]);
    // Positive control: such a policy is detected.
    await c.query('begin');
    try {
      await c.query(`create policy students_probe on public.students as restrictive for select to authenticated
                     using (exists (select 1 from public.enrolments e where e.student_id = students.id))`);
      expect(await offenders()).toEqual(['students.students_probe -> enrolments']);
    } finally {
      await c.query('rollback');
    }
  });
});
