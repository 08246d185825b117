// Gradebook data (TT22/2021, upper secondary): score entries (ĐĐGtx, ĐĐGgk, ĐĐGck, re-tests), conduct
// ratings, attendance and the locks of past years, generated IN THE DATABASE from the school structure
// already loaded (class_subjects, teaching_assignments, enrolments, subject_exemptions): one INSERT …
// SELECT per table and school year (or class), no row-by-row inserts. Shared by the demo seed (demo.ts)
// and the scale generator (scripts/generate.ts); only the plans differ.
//
// Deterministic: every "random" number is a hash (hashtextextended / hashint8extended) of the row's
// natural key and a seed, so the same structure and seed give the same scores on every fresh start.
// Ids are md5 of the natural key (uuid-shaped), so they are stable too. Keys use subject CODES, never
// subject ids: subjects get gen_random_uuid() ids when the seed inserts the catalogue.
//
// The score model: a student ability ~ N(7.3, 1.0) clamped to [4.5, 9.7], a per-(student, subject)
// offset ~ N(0, 0.6) (at least −1.5) and a per-entry noise (ĐĐGtx σ 1.0, ĐĐGgk/ĐĐGck σ 0.8), clamped to
// 0–10 (2.0 at least for students of ability ≥ 6.0) and rounded to one decimal. On the demo: about 25 %
// Tốt, 50 % Khá, 20 % Đạt and 2–3 % Chưa đạt a year (the forced `weak` students and a few of ability
// < 6.0). Comment-only subjects: Đạt, with a rare Chưa đạt for students of ability < 6.0 only. So only
// students of ability < 6.0 or forced can end a year Chưa đạt, which lets the post-pass ask the (per
// student) result views about them alone.
//
// SDT_SEED_TIMING=1 prints rows and time per statement.
import type pg from 'pg';

export interface WeakStudent {
  studentId: string;
  /** Subject codes made to fail (ĐTBmcn < 3.5): two of them make the year learning Chưa đạt. */
  subjects: string[];
}

export interface GradebookYearPlan {
  schoolId: string;
  yearId: string;
  /** 'complete': both semesters fully entered (plus re-tests and summer re-ratings once results are known);
   *  'in_progress': semester I partly entered up to `asOf`; 'full_year': both semesters, nothing after. */
  state: 'complete' | 'in_progress' | 'full_year';
  /** Seed of the hashes (same seed, same data). */
  seed: number;
  /** Last day with data (in-progress years): attendance before it only. */
  asOf?: string;
  /** Complete years: students failing two subjects (year learning Chưa đạt → re-test). */
  weak?: WeakStudent[];
  /** Complete years: students rated Chưa đạt in conduct for semester II (→ summer training). */
  conductFail?: string[];
  /** Students absent more than 45 days over the year (→ not promoted). */
  manyAbsences?: string[];
  /** In-progress years: class × subject with a few ĐĐGtx entered and no ĐĐGgk/ĐĐGck (a column to enter). */
  openColumns?: { classId: string; subjectCode: string }[];
}

export interface LockPlan {
  schoolId: string;
  yearId: string;
  /** A principal of that year (lock_decisions.decided_by). */
  principalId: string;
  /** The admin board account that records the lock events (gradebook_locks.created_by). */
  adminBoardId: string;
  number: string;
  decidedOn: string;
  summary: string;
  note: string;
}

/** Holidays with no school (Tết and public holidays) of the years the seed covers; other years get none. */
const HOLIDAYS: [string, string][] = [
  ['2025-01-25', '2025-02-02'], ['2025-04-07', '2025-04-07'], ['2025-04-30', '2025-05-01'],
  ['2026-02-14', '2026-02-22'], ['2026-04-27', '2026-04-27'], ['2026-04-30', '2026-05-01'],
  ['2027-02-03', '2027-02-11'], ['2027-04-16', '2027-04-16'], ['2027-04-30', '2027-05-01'],
];

// ---------------------------------------------------------------------------------------------------
// SQL pieces. h is a bigint hash; N(h) ≈ N(0, 1) (sum of three 16-bit uniforms), U(h) ∈ [0, 1).
// ---------------------------------------------------------------------------------------------------
const N = (h: string) => `((((${h}) & 65535) + (((${h}) >> 16) & 65535) + (((${h}) >> 32) & 65535))::float8 / 32768.0 - 3.0)`;
const U = (h: string) => `((((${h}) >> 48) & 65535)::float8 / 65536.0)`;
/** A student's ability (the mean of their scores before subject offsets), from the student hash. */
const ability = (hs: string) => `greatest(4.5, least(9.7, 7.3 + 1.0 * ${N(hs)}))`;
/** Students below this ability may end a year Chưa đạt (the post-pass looks at their results only). */
const AT_RISK = 6.0;
/** A uuid from the md5 of a text key. */
const md5Id = (key: string) => `md5(${key})::uuid`;

const timing = (label: string, t0: number, n: number | null) => {
  if (process.env.SDT_SEED_TIMING) console.log(`    ${label}: ${n ?? '?'} rows in ${Date.now() - t0} ms`);
};

async function run(c: pg.ClientBase, label: string, sql: string, params: unknown[]): Promise<number> {
  const t0 = Date.now();
  const r = await c.query(sql, params);
  timing(label, t0, r.rowCount);
  return r.rowCount ?? 0;
}

/**
 * Score entries of one school year (optionally only some classes): every class × gradebook subject
 * (category ≠ 'topic') × semester × enrolled, non-exempt student, with the required number of ĐĐGtx, one
 * ĐĐGgk and one ĐĐGck; an in-progress year gets a part of semester I only. A student who left a class
 * during the year (class change, transfer, dropout) has entries only in the class they end the year in.
 */
export async function insertScoreEntries(c: pg.ClientBase, p: GradebookYearPlan, classIds?: string[]): Promise<number> {
  const inProgress = p.state === 'in_progress';
  const weak = JSON.stringify((p.weak ?? []).flatMap((w) => w.subjects.map((s) => ({ student_id: w.studentId, subject_code: s }))));
  const open = JSON.stringify((p.openColumns ?? []).map((o) => ({ class_id: o.classId, subject_code: o.subjectCode })));
  const sql = `
    with cs as materialized (
      select cs.school_id, cs.school_year_id, cs.class_id, cs.subject_id, s.code as subject_code,
             s.assessment_kind = 'scored' as scored,
             public.required_regular_assessments(cs.periods_per_year) as nreg,
             hashtextextended(cs.class_id::text || s.code, $2) as hsub,
             exists (select 1 from jsonb_to_recordset($4::jsonb) o(class_id uuid, subject_code text)
                     where o.class_id = cs.class_id and o.subject_code = s.code) as open_column
      from public.class_subjects cs
      join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
      where cs.school_year_id = $1 and ($5::uuid[] is null or cs.class_id = any ($5::uuid[]))
    ), st as materialized (
      select e.class_id, e.student_id, x.hs,
             ${ability('x.hs')} as ability
      from public.enrolments e
      cross join lateral (select hashtextextended(e.student_id::text, $2) as hs offset 0) x
      where e.school_year_id = $1 and ($5::uuid[] is null or e.class_id = any ($5::uuid[]))
        and (e.ended_on is null or (not $6 and e.end_reason in ('year_end', 'graduated')))
    ), cs_sem as materialized (
      select cs.*, sem,
             (select a.teacher_id from public.teaching_assignments a
              where a.class_id = cs.class_id and a.subject_id = cs.subject_id and a.ended_at is null
                and sem between a.from_semester and a.to_semester
              order by a.from_semester desc limit 1) as teacher_id
      from cs cross join generate_series(1, case when $6 then 1 else 2 end) sem
    ), weak as materialized (
      select w.student_id, s.id as subject_id
      from jsonb_to_recordset($3::jsonb) w(student_id uuid, subject_code text)
      join public.subjects s on s.school_level = 'upper_secondary' and s.code = w.subject_code
    ), exempt as materialized (
      select x.student_id, x.subject_id, x.semester from public.subject_exemptions x where x.school_year_id = $1
    ), slot as (
      select cs.*, st.student_id, st.ability, k.kind, k.seq, w.student_id is not null as weak,
             hashint8extended(st.hs # cs.hsub, $2) as h_off,
             hashint8extended(st.hs # cs.hsub # (cs.sem * 64 + k.kind_no * 8 + k.seq), $2) as h_entry
      from cs_sem cs
      join st on st.class_id = cs.class_id
      cross join lateral (
        select 'tx'::public.entry_kind as kind, 1 as kind_no, g as seq from generate_series(1, cs.nreg) g
        union all select 'gk'::public.entry_kind, 2, 1
        union all select 'ck'::public.entry_kind, 3, 1
      ) k
      left join weak w on w.student_id = st.student_id and w.subject_id = cs.subject_id
      where not exists (
        select 1 from exempt x
        where x.student_id = st.student_id and x.subject_id = cs.subject_id and (x.semester is null or x.semester = cs.sem))
      offset 0
    ), v as (
      select slot.*,
             case when weak then 1.8 + 1.4 * ${U('h_entry')}
                  else greatest(case when ability < ${AT_RISK} then 0 else 2.0 end,
                         ability + greatest(-1.5, 0.6 * ${N('h_off')}) + case when sem = 2 then 0.15 else 0 end
                         + case when kind = 'tx' then ${N('h_entry')} else 0.8 * ${N('h_entry')} - 0.2 end)
             end as raw
      from slot
      where not $6 or (
        -- Semester I in progress: most columns have their first two ĐĐGtx, about half their ĐĐGgk.
        (kind = 'tx' and seq <= 2 and (open_column or ${U('hsub')} < 0.9) and ${U('hashint8extended(h_entry, 7)')} < 0.94)
        or (kind = 'gk' and not open_column and ${U('hashint8extended(hsub, 11)')} < 0.5 and ${U('hashint8extended(h_entry, 7)')} < 0.97))
    )
    insert into public.score_entries (id, school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq,
                                      score, rating, is_makeup, entered_by)
    select ${md5Id(`'score/' || class_id || '/' || subject_code || '/' || student_id || '/' || sem || '/' || kind || '/' || seq`)},
           school_id, school_year_id, class_id, student_id, subject_id, sem, kind, seq,
           case when scored then round(greatest(0, least(10, raw))::numeric, 1) end,
           case when not scored then not (ability < ${AT_RISK} and ${U('hashint8extended(h_entry, 3)')} < 0.03) end,
           kind <> 'tx' and ${U('hashint8extended(h_entry, 5)')} < 0.01,
           teacher_id
    from v`;
  return run(c, `score_entries${classIds ? ` (${classIds.length} classes)` : ''}`, sql,
    [p.yearId, p.seed, weak, open, classIds ?? null, inProgress]);
}

/**
 * Conduct ratings of semesters I and II (complete and full years), or of semester I in 11A1 and 12A1 only
 * (in-progress years: rated early by two homeroom teachers; 10A1, the demo GVCN's class, is left to enter).
 */
export async function insertConductRatings(c: pg.ClientBase, p: GradebookYearPlan, classIds?: string[]): Promise<number> {
  const inProgress = p.state === 'in_progress';
  const sql = `
    with st as (
      select e.school_id, e.school_year_id, e.class_id, e.student_id, cl.homeroom_teacher_id, cl.name as class_name, sem,
             e.student_id = any ($3::uuid[]) as fails,
             0.8 * ${N('x.hs')} + 0.6 * ${N('hashint8extended(x.hs, sem)')} as c
      from public.enrolments e
      join public.classes cl on cl.id = e.class_id
      cross join lateral (select hashtextextended('conduct/' || e.student_id::text, $2) as hs offset 0) x
      cross join generate_series(1, case when $5 then 1 else 2 end) sem
      where e.school_year_id = $1 and ($4::uuid[] is null or e.class_id = any ($4::uuid[]))
        and (e.ended_on is null or (not $5 and e.end_reason in ('year_end', 'graduated')))
      offset 0
    ), l as (
      select st.*, case when fails then (case sem when 1 then 'dat' else 'chua_dat' end)
                        when c > -0.55 then 'tot' when c > -1.5 then 'kha' else 'dat' end as level
      from st
    )
    insert into public.conduct_ratings (id, school_id, school_year_id, class_id, student_id, semester, level, comment, entered_by)
    select ${md5Id(`'conduct/' || class_id || '/' || student_id || '/' || sem`)}, school_id, school_year_id, class_id, student_id, sem, level,
           case level
             when 'tot' then (array['Ngoan, lễ phép, tích cực tham gia các hoạt động của lớp.', 'Chăm chỉ, có ý thức tự giác, hoà đồng với bạn bè.',
                                    'Thực hiện tốt nội quy, nhiệt tình giúp đỡ bạn.', null])[1 + (abs(hashtext(student_id::text || sem)) % 4)]
             when 'kha' then (array['Thực hiện khá tốt nội quy; cần mạnh dạn hơn trong các hoạt động tập thể.', 'Còn nói chuyện riêng trong giờ học; cần cố gắng hơn.', null])[1 + (abs(hashtext(student_id::text || sem)) % 3)]
             when 'dat' then 'Còn vi phạm nội quy (đi học muộn, chưa hoàn thành bài tập); cần rèn luyện thêm.'
             else 'Vi phạm nội quy nhiều lần (bỏ tiết, vô lễ với giáo viên); phải rèn luyện trong hè.'
           end,
           homeroom_teacher_id
    from l
    where not $5 or class_name in ('11A1', '12A1')`;
  return run(c, 'conduct_ratings', sql, [p.yearId, p.seed, p.conductFail ?? [], classIds ?? null, inProgress]);
}

/**
 * Attendance: a few days absent per student over the year (excused or not), on school days (Monday to
 * Friday, outside holidays) while enrolled; `manyAbsences` students are absent 48 days. The semester comes
 * from the date.
 */
export async function insertAttendance(c: pg.ClientBase, p: GradebookYearPlan, classIds?: string[]): Promise<number> {
  const sql = `
    with y as (
      select * from public.school_years where id = $1
    ), days as materialized (
      select d::date as on_date, case when d::date <= y.semester1_ends_on then 1 else 2 end as semester
      from y, generate_series(y.starts_on, least(y.ends_on, coalesce($5::date, y.ends_on)), interval '1 day') d
      where extract(isodow from d) < 6
        and (d::date <= y.semester1_ends_on or d::date >= y.semester2_starts_on)
        and not exists (select 1 from jsonb_to_recordset($6::jsonb) h(f date, t date) where d::date between h.f and h.t)
    ), st as (
      select e.school_id, e.school_year_id, e.class_id, e.student_id, e.started_on, coalesce(e.ended_on, 'infinity') as ended_on,
             cl.homeroom_teacher_id, e.student_id = any ($3::uuid[]) as many, x.hs,
             0.045 * power(${U('x.hs')}, 3) as p
      from public.enrolments e
      join public.classes cl on cl.id = e.class_id
      cross join lateral (select hashtextextended('absent/' || e.student_id::text, $2) as hs offset 0) x
      where e.school_year_id = $1 and ($4::uuid[] is null or e.class_id = any ($4::uuid[]))
    ), a as (
      select st.*, d.on_date, d.semester, hashint8extended(st.hs # (d.on_date - date '2000-01-01'), $2) as h
      from st join days d on d.on_date between st.started_on and st.ended_on
      offset 0
    ), picked as (
      select a.*, row_number() over (partition by student_id order by ${U('h')}) as rank from a
    )
    insert into public.attendance (id, school_id, school_year_id, class_id, student_id, on_date, semester, excused, reason, entered_by)
    select ${md5Id(`'absent/' || student_id || '/' || on_date`)}, school_id, school_year_id, class_id, student_id, on_date, semester,
           ${U('hashint8extended(h, 1)')} < 0.65,
           case when ${U('hashint8extended(h, 1)')} < 0.65
                then (array['Ốm, phụ huynh xin phép', 'Đi khám bệnh', 'Việc gia đình, phụ huynh xin phép', 'Sốt, có giấy của trạm y tế',
                            'Về quê dự đám giỗ'])[1 + (abs(hashint8(h)) % 5)]
           end,
           homeroom_teacher_id
    from picked
    where (many and rank <= 48) or (not many and ${U('h')} < p)`;
  return run(c, 'attendance', sql, [
    p.yearId, p.seed, p.manyAbsences ?? [], classIds ?? null, p.state === 'in_progress' ? p.asOf ?? null : null,
    JSON.stringify(HOLIDAYS.map(([f, t]) => ({ f, t }))),
  ]);
}

/**
 * After the year (complete years): a summer re-rating (level Đạt) for the students of `conductFail`
 * (sent to summer training), then, from the computed results (student_results, subject_results), re-test
 * entries that pass (scored 5.0–7.0, comment-only Đạt) for every subject a student sent to re-test
 * failed (ĐTBmcn < 5.0 or Chưa đạt), entered by the homeroom teacher. Only students who can fail are
 * looked at (the forced `weak` ones and those below the at-risk ability): the result views compute per
 * student, so asking them about everyone would cost seconds per year.
 */
export async function insertSecondChances(c: pg.ClientBase, p: GradebookYearPlan): Promise<{ summer: number; retest: number }> {
  const summer = await run(c, 'conduct_ratings (summer re-rating)', `
    insert into public.conduct_ratings (id, school_id, school_year_id, class_id, student_id, semester, level, comment, entered_by)
    select ${md5Id(`'conduct/' || e.class_id || '/' || e.student_id || '/summer'`)}, e.school_id, e.school_year_id, e.class_id, e.student_id,
           null, 'dat', 'Đã hoàn thành rèn luyện trong hè; tiến bộ rõ về ý thức chấp hành nội quy.', cl.homeroom_teacher_id
    from public.enrolments e join public.classes cl on cl.id = e.class_id
    where e.school_year_id = $1 and e.student_id = any ($2::uuid[]) and e.end_reason is distinct from 'class_change'`,
  [p.yearId, p.conductFail ?? []]);
  const atRisk = (await c.query<{ id: string }>(`
    select e.student_id as id from public.enrolments e
    cross join lateral (select hashtextextended(e.student_id::text, $2) as hs offset 0) x
    where e.school_year_id = $1 and (${ability('x.hs')} < ${AT_RISK} or e.student_id = any ($3::uuid[]))`,
  [p.yearId, p.seed, (p.weak ?? []).map((w) => w.studentId)])).rows.map((r) => r.id);
  const t0 = Date.now();
  const toRetest = (await c.query<{ id: string }>(`
    select student_id as id from public.student_results
    where school_year_id = $1 and semester is null and promotion = 'retest' and student_id = any ($2::uuid[])`,
  [p.yearId, atRisk])).rows.map((r) => r.id);
  timing(`student_results (${atRisk.length} students at risk, ${toRetest.length} to re-test)`, t0, toRetest.length);
  const retest = await run(c, 'score_entries (re-test)', `
    insert into public.score_entries (id, school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq,
                                      score, rating, is_makeup, entered_by)
    select ${md5Id(`'score/' || sr.class_id || '/' || s.code || '/' || sr.student_id || '/retest'`)},
           sr.school_id, sr.school_year_id, sr.class_id, sr.student_id, sr.subject_id, null, 'retest', 1,
           case when s.assessment_kind = 'scored'
                then round((5.0 + 2.0 * ${U(`hashtextextended(sr.student_id::text || s.code, $2)`)})::numeric, 1) end,
           case when s.assessment_kind = 'comment' then true end,
           false, cl.homeroom_teacher_id
    from public.subject_results sr
    join public.subjects s on s.id = sr.subject_id
    join public.classes cl on cl.id = sr.class_id
    where sr.school_year_id = $1 and sr.semester is null and sr.student_id = any ($3::uuid[])
      and ((s.assessment_kind = 'scored' and sr.average < 5.0) or (s.assessment_kind = 'comment' and sr.rating = false))`,
  [p.yearId, p.seed, toRetest]);
  return { summer, retest };
}

/**
 * Locks a past year: the principal's decision, then lock events for semester I, semester II and the
 * period after the year (null), for every class and subject, recorded by the admin board. Triggers stay
 * on: the lock rows are checked.
 */
export async function lockYear(c: pg.ClientBase, l: LockPlan): Promise<void> {
  const t0 = Date.now();
  const decisionId = (await c.query<{ id: string }>(
    `insert into public.lock_decisions (school_id, school_year_id, decided_by, number, decided_on, summary)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [l.schoolId, l.yearId, l.principalId, l.number, l.decidedOn, l.summary])).rows[0]!.id;
  await c.query(
    `insert into public.gradebook_locks (school_id, school_year_id, semester, class_id, subject_id, action, decision_id, note, created_by)
     select $1, $2, sem, null, null, 'lock', $3, $4, $5 from unnest(array[1, 2, null]::int[]) with ordinality u(sem, n) order by n`,
    [l.schoolId, l.yearId, decisionId, l.note, l.adminBoardId]);
  timing(`lock ${l.number}`, t0, 4);
}

export interface GradebookLoadOptions {
  /** Insert per class (bounded audit entries) instead of one statement per year and table. */
  perClass?: boolean;
  /** session_replication_role = replica around the bulk inserts: no triggers (audit, validation, FK). */
  bypassTriggers?: boolean;
}

/**
 * Every table of one year's gradebook: entries, conduct, attendance, and (complete years) the second
 * chances. The caller owns the transaction (`set local` needs one).
 */
export async function loadGradebookYear(c: pg.ClientBase, p: GradebookYearPlan, o: GradebookLoadOptions = {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = { score_entries: 0, conduct_ratings: 0, attendance: 0 };
  const batches: (string[] | undefined)[] = o.perClass
    ? (await c.query<{ id: string }>('select id from public.classes where school_year_id = $1 order by name', [p.yearId])).rows.map((r) => [r.id])
    : [undefined];
  // No try/finally: if an insert fails the transaction is aborted and rolled back, `set local` with it.
  if (o.bypassTriggers) await c.query(`set local session_replication_role = replica`);
  for (const b of batches) {
    counts.score_entries! += await insertScoreEntries(c, p, b);
    counts.conduct_ratings! += await insertConductRatings(c, p, b);
    counts.attendance! += await insertAttendance(c, p, b);
  }
  if (o.bypassTriggers) {
    await c.query(`set local session_replication_role = origin`);
    // The triggers did not count these entries for the progress dashboard nor recompute the subject
    // results: count and compute the year again.
    await c.query('select private.refresh_score_entry_counts($1)', [p.yearId]);
    await c.query('select private.refill_subject_results(null, $1)', [p.yearId]);
  }
  if (p.state === 'complete') {
    const sc = await insertSecondChances(c, p);
    counts.conduct_ratings! += sc.summer;
    counts.score_entries! += sc.retest;
    counts.summer = sc.summer;
    counts.retest = sc.retest;
  }
  return counts;
}
