// A frozen period's results cannot change by the back door (issue 11, findings 4 and 5), through the real
// API as the demo users who tried it:
//   * everything the result views are computed from (enrolments, the subjects a class takes and their
//     periods, exemptions, a class's grade, the year's semester dates…) is frozen with the period a lock
//     or a publication freezes, for every writer, the service role included (423/PT423, naming the lock);
//   * an unlock event must cite a principal's UNLOCK decision covering its scope: the year's lock
//     decision never opens anything;
//   * the lawful way works: the principal decides an unlock of that scope, the admin board opens it, the
//     change is made and audited, the admin board relocks — and the same change is refused again.
// Works on the seed's locked 2025–2026 (11A2 Toán, 11A1 Toán semester I, 12A1 Lịch sử; other suites
// use 10A1) and on semester II of the current year's 12A2 (positive controls). Every change made here is
// undone (by the superuser while the scope is open), and every scope opened is locked again.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';

const at = (email: string) => `${email}@thpt-tandong.edu.vn`;
const PAST = '2025-2026';
const HINT = 'Muốn thay đổi, Hiệu trưởng quyết định mở khoá phạm vi này, Ban quản trị mở khoá, sửa rồi khoá lại.';
/** The refusal of a change to what a frozen period's results are computed from. */
const frozen = (period: string, scope: string, what: string) =>
  `Sổ điểm ${period} năm học ${PAST} đã khoá (${scope}): không thay đổi được ${what} vì kết quả được tính từ đó. ${HINT}`;

const ids = {
  school: '', past: '', current: '', lockDecision: '', lockNumber: '',
  p11A1: '', p11A2: '', p12A1: '', p12A2: '', c12A2: '', toan: '', lichSu: '', untaken: '', untakenName: '',
};
let admin: SupabaseClient<Database>, principal: SupabaseClient<Database>, homeroom: SupabaseClient<Database>, teacher: SupabaseClient<Database>;
let su: pg.Client;

/** A student of a class with a year result in a subject (the row a change must not make disappear). */
async function studentWithResult(classId: string, subjectId: string): Promise<string> {
  const r = await one(serviceClient().from('subject_results').select('student_id, average')
    .eq('class_id', classId).eq('subject_id', subjectId).is('semester', null).not('average', 'is', null).order('student_id').limit(1));
  return r.student_id as string;
}

async function yearResult(classId: string, subjectId: string, studentId: string) {
  const { data } = await serviceClient().from('subject_results').select('average')
    .eq('class_id', classId).eq('subject_id', subjectId).eq('student_id', studentId).is('semester', null);
  return data ?? [];
}

const lockedNow = async (semester: number | null, classId: string, subjectId: string | null) =>
  (await su.query(`select private.gradebook_locked($1, $2, $3, $4) as l`, [ids.past, semester, classId, subjectId])).rows[0].l as boolean;

/** Locks a scope of 2025–2026 again (citing the seed's lock decision) if a test left it open. */
async function relockIfOpen(semesters: (number | null)[], classId: string, subjectId: string) {
  for (const semester of semesters) {
    if (await lockedNow(semester, classId, subjectId)) continue;
    const { error } = await admin.from('gradebook_locks').insert({ school_id: ids.school, school_year_id: ids.past, semester,
      class_id: classId, subject_id: subjectId, action: 'lock', decision_id: ids.lockDecision, note: 'Khoá lại sau kiểm thử' });
    if (error) throw new Error(`could not relock: ${error.message}`);
  }
}

beforeAll(async () => {
  const svc = serviceClient();
  [admin, principal, homeroom, teacher] = await Promise.all([signedIn(at('bqt')), signedIn(at('hieutruong')), signedIn(at('gvcn.10a1')), signedIn(at('gv.toan'))]);
  su = await superuser();
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.past = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', PAST))).id as string;
  ids.current = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
  const cls = async (year: string, name: string) => (await one(svc.from('classes').select('id').eq('school_year_id', year).eq('name', name))).id as string;
  [ids.p11A1, ids.p11A2, ids.p12A1, ids.p12A2, ids.c12A2] = await Promise.all([
    cls(ids.past, '11A1'), cls(ids.past, '11A2'), cls(ids.past, '12A1'), cls(ids.past, '12A2'), cls(ids.current, '12A2')]);
  const subject = async (code: string) => (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', code))).id as string;
  [ids.toan, ids.lichSu] = await Promise.all([subject('toan'), subject('lich_su')]);
  // An elective 11A2 of 2025–2026 does not take.
  const taken = new Set((await svc.from('class_subjects').select('subject_id').eq('class_id', ids.p11A2)).data!.map((r) => r.subject_id as string));
  const electives = (await svc.from('subjects').select('id, name').eq('school_level', 'upper_secondary').eq('category', 'elective').order('code')).data!;
  const free = electives.find((e) => !taken.has(e.id as string))!;
  [ids.untaken, ids.untakenName] = [free.id as string, free.name as string];
  const decision = await one(svc.from('lock_decisions').select('id, number').eq('school_year_id', ids.past));
  [ids.lockDecision, ids.lockNumber] = [decision.id as string, decision.number as string];
});

afterAll(async () => {
  await su?.end();
});

describe('a locked year: what its results are computed from is frozen with them (finding 4)', () => {
  it('bqt inserting a Toán exemption for a 2025–2026 11A2 student gets 423/PT423 naming the lock, and the locked Toán result stays', async () => {
    const student = await studentWithResult(ids.p11A2, ids.toan);
    const res = await admin.from('subject_exemptions').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
      subject_id: ids.toan, semester: null, reason: 'Miễn học do sức khoẻ' }).select('id');
    try {
      expect(res.status).toBe(423);
      expect(res.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 11A2, môn Toán', 'miễn môn học') });
    } finally {
      if (res.data?.[0]) await su.query(`delete from public.subject_exemptions where id = $1`, [res.data[0].id]);
    }
    expect(await yearResult(ids.p11A2, ids.toan, student)).toHaveLength(1);
  });

  it('gvcn.10a1 inserting a 2025–2026 exemption for a student of their class is refused the same way (the whole year is locked)', async () => {
    const child = await one(serviceClient().from('students').select('id').eq('student_code', '7200100001'));
    const res = await homeroom.from('subject_exemptions').insert({ school_id: ids.school, school_year_id: ids.past, student_id: child.id,
      subject_id: ids.toan, semester: 1, reason: 'Miễn học do sức khoẻ' }).select('id');
    try {
      expect(res.status).toBe(423);
      expect(res.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'toàn trường, môn Toán', 'miễn môn học') });
    } finally {
      if (res.data?.[0]) await su.query(`delete from public.subject_exemptions where id = $1`, [res.data[0].id]);
    }
  });

  it('bqt moving a 2025–2026 enrolment to another class, or ending it as a class change, is refused; a note on it (no result depends on it) is saved', async () => {
    const e = await one(serviceClient().from('enrolments').select('id, class_id, ended_on, end_reason, end_note')
      .eq('class_id', ids.p11A2).eq('end_reason', 'year_end').order('id').limit(1));
    const restore = () => su.query(`update public.enrolments set class_id = $2, ended_on = $3, end_reason = $4, end_note = $5 where id = $1`,
      [e.id, e.class_id, e.ended_on, e.end_reason, e.end_note]);
    try {
      const moved = await admin.from('enrolments').update({ class_id: ids.p11A1 }).eq('id', e.id as string).select('id');
      expect(moved.status).toBe(423);
      expect(moved.error?.code).toBe('PT423');
      expect(moved.error?.message).toMatch(new RegExp(`^Sổ điểm học kỳ I năm học ${PAST} đã khoá \\(lớp 11A[12]\\): không thay đổi được xếp lớp vì kết quả được tính từ đó\\.`));
      const changed = await admin.from('enrolments').update({ end_reason: 'class_change' }).eq('id', e.id as string).select('id');
      expect(changed.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 11A2', 'xếp lớp') });
    } finally {
      await restore();
    }
    const noted = await admin.from('enrolments').update({ end_note: 'Hết năm học' }).eq('id', e.id as string).select('id');
    try {
      expect(noted.error).toBeNull();
      expect(noted.data).toHaveLength(1);
    } finally {
      await restore();
    }
  });

  it('bqt changing periods_per_year of a 2025–2026 class subject is refused; writing the same value again passes', async () => {
    const cs = await one(serviceClient().from('class_subjects').select('id, periods_per_year').eq('class_id', ids.p11A2).eq('subject_id', ids.lichSu));
    const res = await admin.from('class_subjects').update({ periods_per_year: 35 }).eq('id', cs.id as string).select('id');
    try {
      expect(res.status).toBe(423);
      expect(res.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 11A2, môn Lịch sử', 'môn học và số tiết của lớp') });
    } finally {
      if (res.data?.[0]) await su.query(`update public.class_subjects set periods_per_year = $2 where id = $1`, [cs.id, cs.periods_per_year]);
    }
    const same = await admin.from('class_subjects').update({ periods_per_year: cs.periods_per_year }).eq('id', cs.id as string).select('periods_per_year');
    expect(same.error).toBeNull();
    expect(same.data).toEqual([{ periods_per_year: cs.periods_per_year }]);
  });

  it('bqt changing the grade of a 2025–2026 class is refused', async () => {
    const res = await admin.from('classes').update({ grade: 12 }).eq('id', ids.p11A2).select('id');
    try {
      expect(res.status).toBe(423);
      expect(res.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 11A2', 'khối lớp') });
    } finally {
      if (res.data?.[0]) await su.query(`update public.classes set grade = 11 where id = $1`, [ids.p11A2]);
    }
  });

  it('the service role is refused too: an exemption, a subject added to a 2025–2026 class, the semester dates of 2025–2026', async () => {
    const svc = serviceClient();
    const student = await studentWithResult(ids.p11A2, ids.toan);
    const exempt = await svc.from('subject_exemptions').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
      subject_id: ids.toan, semester: 2, reason: 'Miễn học do sức khoẻ' }).select('id');
    const added = await svc.from('class_subjects').insert({ school_id: ids.school, school_year_id: ids.past, class_id: ids.p11A2,
      subject_id: ids.untaken, periods_per_year: 70 }).select('id');
    const y = await one(svc.from('school_years').select('semester1_ends_on').eq('id', ids.past));
    const dates = await svc.from('school_years').update({ semester1_ends_on: '2026-01-09' }).eq('id', ids.past).select('id');
    try {
      expect(exempt.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ II', 'lớp 11A2, môn Toán', 'miễn môn học') });
      expect(added.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', `lớp 11A2, môn ${ids.untakenName}`, 'môn học và số tiết của lớp') });
      expect(dates.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'toàn trường', 'ngày học kỳ của năm học') });
    } finally {
      if (exempt.data?.[0]) await su.query(`delete from public.subject_exemptions where id = $1`, [exempt.data[0].id]);
      if (added.data?.[0]) await su.query(`delete from public.class_subjects where id = $1`, [added.data[0].id]);
      if (dates.data?.[0]) await su.query(`update public.school_years set semester1_ends_on = $2 where id = $1`, [ids.past, y.semester1_ends_on]);
    }
  });

  it('control: in the open semester II of the current year, bqt\'s exemption of a 12A2 student from Lịch sử is saved and audited', async () => {
    const e = await one(serviceClient().from('enrolments').select('student_id').eq('class_id', ids.c12A2).is('ended_on', null).order('student_id').limit(1));
    const res = await admin.from('subject_exemptions').insert({ school_id: ids.school, school_year_id: ids.current, student_id: e.student_id,
      subject_id: ids.lichSu, semester: 2, reason: 'Miễn học do sức khoẻ' }).select('id');
    try {
      expect(res.error).toBeNull();
      const { count } = await serviceClient().from('audit_log').select('id', { count: 'exact', head: true })
        .eq('table_name', 'subject_exemptions').contains('row_keys', [res.data![0]!.id]);
      expect(count).toBe(1);
    } finally {
      if (res.data?.[0]) await su.query(`delete from public.subject_exemptions where id = $1`, [res.data[0].id]);
    }
  });
});

describe('an unlock needs the principal\'s unlock decision (finding 5)', () => {
  it('bqt posting an unlock of 2025–2026 11A1 Toán (semester I) citing the year\'s lock decision is refused, and gv.toan\'s save there stays 423', async () => {
    const unlock = await admin.from('gradebook_locks').insert({ school_id: ids.school, school_year_id: ids.past, semester: 1,
      class_id: ids.p11A1, subject_id: ids.toan, action: 'unlock', decision_id: ids.lockDecision, note: 'Mở khoá để sửa' }).select('id');
    try {
      expect(unlock.status).toBe(403);
      expect(unlock.error).toMatchObject({ code: '42501',
        message: `Quyết định số ${ids.lockNumber} là quyết định khoá sổ: mở khoá sổ điểm phải theo quyết định mở khoá của Hiệu trưởng` });
      expect(await lockedNow(1, ids.p11A1, ids.toan)).toBe(true);
      const { data: sheet, error } = await teacher.rpc('gradebook_sheet', { p_class_id: ids.p11A1, p_subject_id: ids.toan, p_semester: 1 });
      expect(error).toBeNull();
      const s = (sheet as { students: { student_id: string; entries: { kind: string; seq: number; score: number; version: number }[] }[] })
        .students.find((x) => x.entries.some((en) => en.kind === 'tx'))!;
      const tx = s.entries.find((en) => en.kind === 'tx')!;
      const saved = await teacher.rpc('save_score_entries', { p_class_id: ids.p11A1, p_subject_id: ids.toan, p_semester: 1,
        p_changes: [{ student_id: s.student_id, kind: 'tx', seq: tx.seq, value: String(tx.score), version: tx.version }] });
      expect(saved.status).toBe(423);
      expect(saved.error?.code).toBe('PT423');
    } finally {
      await relockIfOpen([1], ids.p11A1, ids.toan);
    }
  });

  it('only the principal records an unlock decision: bqt is refused (42501)', async () => {
    const res = await admin.from('lock_decisions').insert({ school_id: ids.school, school_year_id: ids.past, action: 'unlock',
      number: '01/QĐ-BQT', summary: 'Mở khoá sổ điểm' }).select('id');
    expect(res.status).toBe(403);
    expect(res.error).toMatchObject({ code: '42501', message: 'Quyết định khoá/mở khoá sổ phải do Hiệu trưởng của năm học này ghi nhận' });
  });

  it('the lawful way: the principal decides to unlock 2025–2026 12A1 Lịch sử, bqt opens it citing that decision (not one of another scope), the exemption is saved and audited, bqt relocks and it is refused again', async () => {
    const student = await studentWithResult(ids.p12A1, ids.lichSu);
    const decide = async (classId: string, number: string) => {
      const { data, error } = await principal.from('lock_decisions').insert({ school_id: ids.school, school_year_id: ids.past, action: 'unlock',
        class_id: classId, subject_id: ids.lichSu, number, summary: 'Mở khoá sổ điểm môn Lịch sử để ghi miễn môn học' }).select('id, action, period, class_id, subject_id');
      expect(error).toBeNull();
      return data![0]!;
    };
    const other = await decide(ids.p12A2, `12A2/QĐ-${Date.now()}`);
    const decision = await decide(ids.p12A1, `12A1/QĐ-${Date.now()}`);
    expect(decision).toMatchObject({ action: 'unlock', period: null, class_id: ids.p12A1, subject_id: ids.lichSu });
    const event = (decisionId: string, semester: number | null, action: 'lock' | 'unlock') => ({ school_id: ids.school, school_year_id: ids.past,
      semester, class_id: ids.p12A1, subject_id: ids.lichSu, action, decision_id: decisionId, note: 'Ghi miễn môn học' });
    let exemption: string | undefined;
    try {
      // A decision about 12A2 does not open 12A1.
      const wrong = await admin.from('gradebook_locks').insert(event(other.id as string, 1, 'unlock')).select('id');
      expect(wrong.error?.code).toBe('42501');
      expect(wrong.error?.message).toMatch(/^Quyết định số 12A2\/QĐ-\d+ không bao gồm phạm vi này \(học kỳ I, lớp 12A1, môn Lịch sử\)$/);
      // The decision covering 12A1 Lịch sử opens its three periods.
      for (const semester of [1, 2, null]) {
        const { error } = await admin.from('gradebook_locks').insert(event(decision.id as string, semester, 'unlock')).select('id');
        expect(error, `unlock ${semester}`).toBeNull();
      }
      const res = await admin.from('subject_exemptions').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
        subject_id: ids.lichSu, semester: null, reason: 'Miễn học do sức khoẻ (quyết định mở khoá)' }).select('id');
      expect(res.error).toBeNull();
      exemption = res.data![0]!.id as string;
      const { data: audit } = await serviceClient().from('audit_log').select('action, actor_id').eq('table_name', 'subject_exemptions').contains('row_keys', [exemption]);
      expect(audit).toEqual([{ action: 'insert', actor_id: (await admin.auth.getUser()).data.user!.id }]);
      expect(await yearResult(ids.p12A1, ids.lichSu, student)).toEqual([]);
      // Undo it while the scope is open (the demo data other suites read stays as it was).
      await su.query(`delete from public.subject_exemptions where id = $1`, [exemption]);
      exemption = undefined;
      expect(await yearResult(ids.p12A1, ids.lichSu, student)).toHaveLength(1);
      // The admin board relocks, citing the year's lock decision; the same change is refused again.
      for (const semester of [1, 2, null]) {
        const { error } = await admin.from('gradebook_locks').insert(event(ids.lockDecision, semester, 'lock')).select('id');
        expect(error, `relock ${semester}`).toBeNull();
      }
      const again = await admin.from('subject_exemptions').insert({ school_id: ids.school, school_year_id: ids.past, student_id: student,
        subject_id: ids.lichSu, semester: null, reason: 'Miễn học do sức khoẻ' }).select('id');
      if (again.data?.[0]) exemption = again.data[0].id as string;
      expect(again.error).toMatchObject({ code: 'PT423', message: frozen('học kỳ I', 'lớp 12A1, môn Lịch sử', 'miễn môn học') });
    } finally {
      if (exemption) {
        await relockIfOpen([], ids.p12A1, ids.lichSu);
        await su.query(`delete from public.subject_exemptions where id = $1`, [exemption]).catch(() => undefined);
      }
      await relockIfOpen([1, 2, null], ids.p12A1, ids.lichSu);
    }
  });
});
