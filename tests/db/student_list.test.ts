// public.student_list (20261203000600_student_list_view.sql), the read of Học sinh: the same rows as
// students under RLS, and a can_edit computed from two sets per statement that must give, row for row,
// the answer of students.can_edit (the edit form's, one row at a time). Checked for every demo account,
// as that user, in a database of this file's own.
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../supabase/seed/demo.ts';
import { asUser, useClonedDb } from '../helpers/stack.ts';

const db = useClonedDb();

interface Seen {
  email: string;
  students: number;
  listed: number;
  editable: number;
  differ: number;
}

async function seen(email: string): Promise<Seen> {
  const { rows: [u] } = await db().query<{ id: string }>('select id from auth.users where email = $1', [email]);
  if (!u) throw new Error(`no demo account ${email}`);
  return asUser(db(), { sub: u.id, email }, async () => {
    const { rows: [r] } = await db().query<Omit<Seen, 'email'>>(
      `select (select count(*)::int from public.students) as students,
              (select count(*)::int from public.student_list) as listed,
              count(*) filter (where l.can_edit)::int as editable,
              count(*) filter (where l.can_edit is distinct from public.can_edit(s))::int as differ
       from public.student_list l join public.students s on s.id = l.id`,
    );
    return { email, ...r! };
  });
}

describe('student_list', () => {
  it('lists what students shows each demo account, with the can_edit of students.can_edit on every row', async () => {
    const all: Seen[] = [];
    for (const a of DEMO_ACCOUNTS) all.push(await seen(a.email));
    for (const s of all) {
      expect(s.listed, `${s.email}: rows of student_list = rows of students`).toBe(s.students);
      expect(s.differ, `${s.email}: rows whose can_edit differs from students.can_edit`).toBe(0);
    }
    // Not vacuous: the admin board edits its school's students, a GVCN their class, BGH none.
    const by = (email: string) => all.find((s) => s.email === email)!;
    expect(by('bqt@thpt-tandong.edu.vn').editable).toBeGreaterThan(100);
    const gvcn = all.find((s) => s.email.startsWith('gvcn.') && s.editable > 0);
    expect(gvcn, 'a GVCN edits some students').toBeDefined();
    expect(gvcn!.editable).toBeLessThan(gvcn!.listed + 1);
    expect(by('hieutruong@thpt-tandong.edu.vn').listed).toBeGreaterThan(100);
    expect(by('hieutruong@thpt-tandong.edu.vn').editable).toBe(0);
  });
});
