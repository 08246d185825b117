// Gradebook data of a primary school (TT27/2020), generated IN THE DATABASE from the school structure
// already loaded, as gradebook.ts does for TT22: one INSERT … SELECT per table and school year.
//   - score_entries: every subject of the class (category ≠ 'topic', not exempt) at each period — giữa
//     kỳ I, cuối kỳ I, giữa kỳ II, cuối năm (kind gk/ck of semester 1/2) — a level T/H/C, the periodic
//     test score where TT27 requires one (tt27_test_required), a comment; entered by the subject's teacher;
//   - quality_ratings: the 15 qualities and competencies at the same periods (Tốt/Đạt/Cần cố gắng), with
//     a comment on the qualities and one on the competencies at the end of each semester; by the GVCN;
//   - student_measures: height and weight of the year; attendance as gradebook.ts (insertAttendance).
// An in-progress year gets the mid-semester I period only (and attendance up to `asOf`; no measures).
//
// The spread of year results comes from one "standing" per pupil (a hash, ≈ N(0, 1)): about 10 % of the
// pupils are strong in everything (every subject T, every quality Tốt, end-of-year tests 9–10: Hoàn thành
// xuất sắc), about 16 % good (T and Tốt, tests 7–9: Hoàn thành tốt, xuất sắc when every test is 9),
// most Hoàn thành (a mix of T/H and Tốt/Đạt, tests 5–10) and about 5 % struggling (Tiếng Việt and Toán
// C with tests 3–4, Chăm chỉ and Tự chủ và tự học Cần cố gắng: Chưa hoàn thành). The results themselves are never stored: the
// primary_results view computes them with the rule functions. Deterministic: hashes of the natural keys.
import type pg from 'pg';
import { insertAttendance } from './gradebook.ts';

export interface PrimaryYearPlan {
  schoolId: string;
  yearId: string;
  /** 'complete': the four periods; 'in_progress': the mid-semester I period only. */
  state: 'complete' | 'in_progress';
  seed: number;
  /** In-progress years: the last day with attendance. */
  asOf?: string;
}

// A bigint hash h → ≈ N(0, 1) (sum of three 16-bit uniforms) and U(h) ∈ [0, 1), as in gradebook.ts.
const N = (h: string) => `((((${h}) & 65535) + (((${h}) >> 16) & 65535) + (((${h}) >> 32) & 65535))::float8 / 32768.0 - 3.0)`;
const U = (h: string) => `((((${h}) >> 48) & 65535)::float8 / 65536.0)`;

/** The pupils of the year with their standing and tier (xs, tot, ht, cht). */
const PUPILS = `
  select e.school_id, e.school_year_id, e.class_id, e.student_id, c.grade, c.homeroom_teacher_id, x.hs,
         case when ${N('x.hs')} >= 1.3 then 'xs' when ${N('x.hs')} >= 0.25 then 'tot'
              when ${N('x.hs')} > -1.6 then 'ht' else 'cht' end as tier
  from public.enrolments e
  join public.classes c on c.id = e.class_id
  cross join lateral (select hashtextextended('tt27/' || e.student_id::text, $2) as hs offset 0) x
  where e.school_year_id = $1 and e.end_reason is distinct from 'class_change'`;

/** The periods entered: the four of a complete year, or gk1 only. */
const PERIODS = `
  select * from (values (1, 'gk'::public.entry_kind, 'gk1', 1), (1, 'ck'::public.entry_kind, 'ck1', 2),
                        (2, 'gk'::public.entry_kind, 'gk2', 3), (2, 'ck'::public.entry_kind, 'cn', 4)) p (sem, kind, period, n)
  where not $3 or n = 1`;

export async function insertPrimaryEntries(c: pg.ClientBase, p: PrimaryYearPlan): Promise<number> {
  const r = await c.query(`
    with st as materialized (${PUPILS}), per as materialized (${PERIODS}),
    slot as (
      select st.*, cs.subject_id, s.code, per.sem, per.kind, per.period, per.n,
             public.tt27_test_required(s.code, st.grade, per.period) as tested,
             hashint8extended(st.hs # hashtextextended(s.code, $2) # per.n, $2) as h,
             (select a.teacher_id from public.teaching_assignments a
              where a.class_id = cs.class_id and a.subject_id = cs.subject_id and a.ended_at is null
                and per.sem between a.from_semester and a.to_semester
              order by a.from_semester desc limit 1) as teacher_id
      from st
      join public.class_subjects cs on cs.class_id = st.class_id
      join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
      cross join per
      where not exists (select 1 from public.subject_exemptions x where x.student_id = st.student_id and x.subject_id = cs.subject_id
                          and x.school_year_id = st.school_year_id and (x.semester is null or x.semester = per.sem))
      offset 0
    ), v as (
      select slot.*,
             case
               when tier = 'cht' and code in ('tieng_viet', 'toan') and (n = 4 or ${U('h')} < 0.7) then 'C'
               when tier = 'cht' then 'H'
               when tier in ('xs', 'tot') and (n = 4 or ${U('h')} < 0.9) then 'T'
               when tier in ('xs', 'tot') then 'H'
               when ${U('h')} < 0.5 then 'T' else 'H'
             end as level,
             -- A test score from the tier's range: xs 9–10, tot 7–9, ht 5–10, cht 3–4
             -- in the failed subjects (else 5–7); earlier periods may dip one point.
             case tier when 'xs' then 9 when 'tot' then 7 when 'ht' then 5
                       else case when code in ('tieng_viet', 'toan') then 3 else 5 end end as lo,
             case tier when 'xs' then 10 when 'tot' then 9 when 'ht' then 10
                       else case when code in ('tieng_viet', 'toan') then 4 else 7 end end as hi
      from slot
    )
    insert into public.score_entries (id, school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq,
                                      score, level, comment, is_makeup, entered_by)
    select md5('score/' || class_id || '/' || code || '/' || student_id || '/' || sem || '/' || kind || '/1')::uuid,
           school_id, school_year_id, class_id, student_id, subject_id, sem, kind, 1,
           case when tested then greatest(1, lo + floor(${U('hashint8extended(h, 2)')} * (hi - lo + 1))::int
                                               - case when n < 4 and tier <> 'cht' and ${U('hashint8extended(h, 3)')} < 0.2 then 1 else 0 end) end,
           level,
           case level
             when 'T' then (array['Nắm vững kiến thức, kĩ năng của môn học; vận dụng tốt vào bài tập.',
                                  'Tích cực phát biểu xây dựng bài, hoàn thành tốt các nội dung học tập.',
                                  'Tiếp thu bài nhanh, làm bài cẩn thận, trình bày sạch đẹp.',
                                  'Học tốt, tiến bộ đều; mạnh dạn, tự tin khi trình bày.'])[1 + (abs(hashint8(h)) % 4)]
             when 'H' then (array['Hoàn thành các nội dung học tập; cần rèn thêm kĩ năng trình bày.',
                                  'Nắm được kiến thức cơ bản; cần cẩn thận hơn khi làm bài.',
                                  'Hoàn thành bài tập; cần mạnh dạn phát biểu hơn.'])[1 + (abs(hashint8(h)) % 3)]
             else (array['Chưa hoàn thành một số nội dung học tập; cần được hướng dẫn thêm.',
                         'Còn chậm, chưa nắm chắc kiến thức cơ bản; cần luyện tập thêm ở nhà.'])[1 + (abs(hashint8(h)) % 2)]
           end,
           false, teacher_id
    from v`, [p.yearId, p.seed, p.state === 'in_progress']);
  return r.rowCount ?? 0;
}

export async function insertQualityRatings(c: pg.ClientBase, p: PrimaryYearPlan): Promise<number> {
  const r = await c.query(`
    with st as materialized (${PUPILS}), per as materialized (${PERIODS}),
    slot as (
      select st.*, per.sem, per.kind, per.period, per.n, q.code, q.i,
             hashint8extended(st.hs # hashtextextended(q.code, $2) # per.n, $2) as h
      from st cross join per
      cross join unnest(public.tt27_quality_codes()) with ordinality q (code, i)
      offset 0
    ), v as (
      select slot.*,
             case
               when tier = 'cht' and code in ('tu_chu_tu_hoc', 'cham_chi') then 'ccg'
               when tier = 'cht' then 'dat'
               when tier in ('xs', 'tot') and (n = 4 or ${U('h')} < 0.85) then 'tot'
               when tier in ('xs', 'tot') then 'dat'
               when ${U('h')} < 0.5 then 'tot' else 'dat'
             end as level
      from slot
    )
    insert into public.quality_ratings (id, school_id, school_year_id, class_id, student_id, semester, kind, code, level, comment, entered_by)
    select md5('tt27-quality/' || student_id || '/' || school_year_id || '/' || period || '/' || code)::uuid,
           school_id, school_year_id, class_id, student_id, sem, kind, code, level,
           -- The merged comments of the form: one on the qualities (after the last quality), one on the
           -- competencies (after the last general competency), at the end of each semester.
           case when kind = 'ck' and code = 'trach_nhiem' then
                  case tier when 'cht' then 'Ngoan, lễ phép; cần chăm chỉ hơn trong học tập và giữ gìn đồ dùng học tập.'
                            when 'ht' then 'Ngoan, lễ phép, biết giúp đỡ bạn bè; thực hiện tốt nội quy lớp học.'
                            else 'Ngoan, lễ phép, trung thực; có trách nhiệm với công việc được giao, biết yêu thương, giúp đỡ bạn.' end
                when kind = 'ck' and code = 'gqvd_sang_tao' then
                  case tier when 'cht' then 'Còn rụt rè, chưa tự giác học bài; cần được nhắc nhở và hỗ trợ thêm.'
                            when 'ht' then 'Biết hợp tác với bạn khi làm việc nhóm; cần chủ động hơn trong học tập.'
                            else 'Tự giác, chủ động trong học tập; hợp tác tốt, biết giải quyết vấn đề sáng tạo.' end
           end,
           homeroom_teacher_id
    from v`, [p.yearId, p.seed, p.state === 'in_progress']);
  return r.rowCount ?? 0;
}

/** Height and weight of the year (the GVCN's measurement, dated at the start of semester II; triggers are off, so
 *  the nutrition status is computed here as the trigger would): by grade and a
 *  per-pupil build that stays from year to year. */
export async function insertMeasures(c: pg.ClientBase, p: PrimaryYearPlan): Promise<number> {
  const r = await c.query(`
    with st as materialized (${PUPILS})
    , m as (
      select st.*, y.semester2_starts_on as measured_on, s.gender, public.age_in_months(s.birth_date, y.semester2_starts_on) as age_months,
             round((110.0 + 6.0 * grade + 5.0 * ${N('hashtextextended(\'height/\' || student_id::text, 0)')} + ${U('hs')})::numeric, 1) as height_cm,
             round((17.0 + 3.0 * grade + 3.0 * ${N('hashtextextended(\'weight/\' || student_id::text, 0)')} + ${U('hs')})::numeric, 1) as weight_kg
      from st join public.school_years y on y.id = st.school_year_id join public.students s on s.id = st.student_id
    )
    insert into public.student_measures (id, school_id, school_year_id, class_id, student_id, measured_on, height_cm, weight_kg, entered_by,
                                         age_months, bmi, bmi_z, height_z, bmi_status, height_status)
    select md5('tt27-measures/' || student_id || '/' || school_year_id)::uuid, school_id, school_year_id, class_id, student_id,
           measured_on, height_cm, weight_kg, homeroom_teacher_id,
           age_months, (ns ->> 'bmi')::numeric, (ns ->> 'bmi_z')::numeric, (ns ->> 'height_z')::numeric, ns ->> 'bmi_status', ns ->> 'height_status'
    from m cross join lateral public.nutrition_status(m.gender, m.age_months, m.height_cm, m.weight_kg) ns`, [p.yearId, p.seed]);
  return r.rowCount ?? 0;
}

/**
 * Every table of one primary year, with triggers off around the bulk inserts (as DEMO_GRADEBOOK_LOAD);
 * the progress counters are recounted afterwards. The caller owns the transaction.
 */
export async function loadPrimaryYear(c: pg.ClientBase, p: PrimaryYearPlan): Promise<Record<string, number>> {
  await c.query(`set local session_replication_role = replica`);
  const counts = {
    score_entries: await insertPrimaryEntries(c, p),
    quality_ratings: await insertQualityRatings(c, p),
    // This year's height and weight are left for the GVCN to enter (Phẩm chất, năng lực screen).
    student_measures: p.state === 'complete' ? await insertMeasures(c, p) : 0,
    attendance: await insertAttendance(c, { schoolId: p.schoolId, yearId: p.yearId, seed: p.seed, state: p.state, asOf: p.asOf }),
  };
  await c.query(`set local session_replication_role = origin`);
  await c.query('select private.refresh_score_entry_counts($1)', [p.yearId]);
  return counts;
}
