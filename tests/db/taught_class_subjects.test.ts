// private.taught_class_subjects() (20261205090000_taught_class_subjects_once.sql), the (class, subject) arm
// of the teachers' read policies: for every demo account, as that user, the same pairs as its two arms
// written out in plain SQL — the caller's active assignments in the years of their teaching roles, and a
// department head's department's active assignments in the years they head it.
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { asUser, useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

const EXPECTED = `
  select a.class_id, a.subject_id from public.teaching_assignments a
  where a.teacher_id = $1 and a.ended_at is null
    and exists (select 1 from public.memberships m where m.profile_id = $1 and m.school_year_id = a.school_year_id
                  and m.role in ('subject_teacher', 'homeroom_teacher', 'dept_head', 'principal', 'vice_principal')
                  and m.school_year_id not in (select y.id from public.school_years y where y.opened_at is null))
  union
  select a.class_id, a.subject_id
  from public.department_members head
  join public.department_members m on m.department_id = head.department_id and m.school_year_id = head.school_year_id
  join public.teaching_assignments a on a.teacher_id = m.profile_id and a.school_year_id = m.school_year_id
  where head.profile_id = $1 and head.is_head and a.ended_at is null
    and exists (select 1 from public.memberships r where r.profile_id = $1 and r.school_year_id = head.school_year_id and r.role = 'dept_head'
                  and r.school_year_id not in (select y.id from public.school_years y where y.opened_at is null))`;

async function pairs(email: string): Promise<{ got: string[]; expected: string[] }> {
  const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [email]);
  if (!u) throw new Error(`no demo account ${email}`);
  const key = (r: { class_id: string; subject_id: string }) => `${r.class_id}/${r.subject_id}`;
  const expected = (await db().query(EXPECTED, [u.id])).rows.map(key).sort();
  const got = await asUser(db(), { sub: u.id, email }, async () =>
    (await db().query('select * from private.taught_class_subjects()')).rows.map(key).sort());
  return { got, expected };
}

describe('private.taught_class_subjects()', () => {
  it('gives every demo account the pairs of its assignments and, for a department head, its department\'s', async () => {
    const counts: Record<string, number> = {};
    for (const a of DEMO_ACCOUNTS) {
      const { got, expected } = await pairs(a.email);
      expect(got, a.email).toEqual(expected);
      counts[a.email] = got.length;
    }
    // Not vacuous: a subject teacher has some pairs, the department head more (their department's), a parent none.
    expect(counts['gv.toan@thpt-tandong.edu.vn']).toBeGreaterThan(0);
    expect(counts['totruong.toan@thpt-tandong.edu.vn']).toBeGreaterThan(counts['gv.toan@thpt-tandong.edu.vn']!);
    expect(counts['phuhuynh@thpt-tandong.edu.vn']).toBe(0);
  });
});
