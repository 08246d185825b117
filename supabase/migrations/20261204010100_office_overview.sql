-- Tổng quan các trường (issue 18, the offices' overview): rpc/office_overview answers, in one call, what a
-- Phòng or Sở officer sees of the schools it manages — per school the counts (classes, students, staff),
-- the gradebook progress of the current semester (share done, overdue), the distribution of the latest
-- published results per grade, the dossiers' compliance and the health roll-up — and the Phòng(s) below
-- a Sở with their schools' totals, so the admin drills down Sở → Phòng → school with one call per level.
--
-- Choices:
-- * Who: officers only (district_officer / province_officer memberships), over their own unit and what
--   is below it (the same walk as private.my_officer_school_ids). p_org_unit_id null is the caller's own
--   unit (a Sở before a Phòng if both); a Phòng below the caller's Sở or a school below either answers its
--   level. Anyone else, and a unit outside the caller's, get one Vietnamese sentence, errcode 42501 (an
--   unknown unit answers the same as another office's: nothing is named).
-- * Counts only, never names of people: every count of people or items from 1 to 4 is the string "< 5"
--   (private.office_count; 0 stays 0 — an empty figure singles nobody out), shares (percentages) are
--   computed from the exact counts before masking. The number of schools of a Phòng is not masked: the
--   schools are public (org_units).
-- * Progress: the rows of rpc/gradebook_progress, whose body moves into private.gradebook_progress_rows
--   (the public function keeps its checks and calls it), summed per school for the school's current year
--   and semester (today ≤ semester1_ends_on: I, else II): sheets, entries required / done / due / overdue,
--   sheets with something overdue, share done of what is required and of what is due. The same figures
--   BGH reads on Tiến độ nhập điểm, with no copy of the rule.
-- * Results: per school, the latest published period (result_publications 'published': latest school
--   year, then the year before semester II before semester I), per grade the classes published and the
--   students per level: TT22 learning and conduct (tot/kha/dat/chua_dat, student_results), TT27 the year
--   result (xuat_sac/tot/hoan_thanh/chua_hoan_thanh, primary_results). Only published classes count.
-- * Dossiers: rpc/dossier_school_compliance's figures (obligations of the current year due before
--   today: due, approved, submitted, returned, missing, late, share done), computed here from the same
--   table for the listed schools.
-- * Health: the total row of the school's yearly report as rpc/health_report defines it (enrolled,
--   examined, thinness, stunting, overweight, obesity, findings, clinic visits, families informed) for
--   the current year, masked by this function's rule (0 stays 0).
-- * Cost: progress, results and health are per listed school (one Sở level lists the schools directly
--   under it; a Phòng's schools are computed only when it is opened). The Phòng rows are counts only
--   (classes, students, staff), from the indexes school_summaries uses. Everything is aggregated in SQL;
--   the demo's Sở answers in one call.
-- * search_path = '' everywhere; security definer (the owner reads the views' rows: reads_all_gradebooks
--   is the owner), after the check of who asks.

-- ───────────── rpc/gradebook_progress: body shared with the overview (checks stay in the RPC) ─────────────
create function private.gradebook_progress_rows(p_school_year_id uuid, p_semester int, p_all boolean)
returns table (class_id uuid, class_name text, grade int, subject_id uuid, subject_name text, regime text,
               teacher_id uuid, teacher_name text, students int, required int, done int, due int, overdue int)
language plpgsql stable set search_path = ''
as $$
#variable_conflict use_column
declare
  y record;
  dl public.school_deadlines;
  today date := public.app_today();
  now_vn timestamp := (now() at time zone 'Asia/Ho_Chi_Minh');
  sem_start date;
  sem_end date;
  weeks_total int;
  weeks_done int;
  first_deadline timestamp;
  gk_due boolean;
  ck_due boolean;
begin
  select sy.*, o.school_level into y from public.school_years sy join public.org_units o on o.id = sy.school_id where sy.id = p_school_year_id;
  if not found then
    raise exception 'Không tìm thấy năm học' using errcode = '22023';
  end if;
  select * into dl from public.school_deadlines d where d.school_id = y.school_id;
  if not found then
    dl := row(y.school_id, 4, 5, 7, '23:59'::time, 14, null, now(), now())::public.school_deadlines;
  end if;
  sem_start := case p_semester when 1 then y.starts_on else y.semester2_starts_on end;
  sem_end := case p_semester when 1 then y.semester1_ends_on else y.ends_on end;
  -- The weekly deadline of the semester's first week, then every 7 days (Vietnam time).
  first_deadline := (sem_start + ((dl.regular_weekday - extract(isodow from sem_start)::int + 7) % 7)) + dl.regular_time;
  weeks_total := greatest(1, ((sem_end - sem_start) / 7) + 1);
  -- "Today" is the app's date (pinned for the demo) at the current Vietnam time of day.
  now_vn := today + (now_vn - date_trunc('day', now_vn));
  weeks_done := least(weeks_total, greatest(0, floor(extract(epoch from (now_vn - first_deadline)) / (7 * 86400))::int + 1));
  gk_due := exists (select 1 from public.assessment_periods a where a.school_year_id = p_school_year_id
                    and a.period = 'gk' || p_semester and a.test_date + dl.periodic_days < today);
  ck_due := exists (select 1 from public.assessment_periods a where a.school_year_id = p_school_year_id
                    and a.period = 'ck' || p_semester and a.test_date + dl.periodic_days < today);

  return query
  with sheets as (
    select c.id as class_id, c.name as class_name, c.grade, s.id as subject_id, s.name as subject_name, s.code, s.sort_order,
           case when s.school_level = 'primary' then 'tt27' else 'tt22' end as regime,
           public.required_regular_assessments(cs.periods_per_year) as req_tx,
           -- TT27: whether this sheet has a periodic test at the semester's gk and ck.
           s.school_level = 'primary' and public.tt27_test_required(s.code, c.grade, private.tt27_period(p_semester, 'gk')) as gk_test_req,
           s.school_level = 'primary' and public.tt27_test_required(s.code, c.grade, private.tt27_period(p_semester, 'ck')) as ck_test_req,
           a.teacher_id, p.full_name as teacher_name
    from public.classes c
    join public.class_subjects cs on cs.school_year_id = p_school_year_id and cs.class_id = c.id
    join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
    left join lateral (select t.teacher_id from public.teaching_assignments t
                       where t.class_id = c.id and t.subject_id = s.id and t.ended_at is null
                         and p_semester between t.from_semester and t.to_semester
                       order by t.created_at desc limit 1) a on true
    left join public.profiles p on p.id = a.teacher_id
    where c.school_year_id = p_school_year_id
      and (p_all or a.teacher_id = (select auth.uid())
           or a.teacher_id in (select d.profile_id from private.my_department_teacher_ids() d where d.school_year_id = p_school_year_id))
  ), counts as materialized (
    -- The year's semester counts, read once by their key's prefix and joined by hash: the planner cannot
    -- estimate how many pupils the sheets have (a CTE), and with too low a guess it probes the counts
    -- once per pupil instead (17,000 probes).
    select n.student_id, n.subject_id, n.tx, n.gk, n.ck, n.gk_level, n.ck_level, n.gk_test, n.ck_test
    from private.score_entry_counts n
    where n.school_year_id = p_school_year_id and n.semester = p_semester
  ), pupils as materialized (
    -- The year's pupils and their class, by the year's index (a class's enrolments are of its year:
    -- enrolments_class_check).
    select e.class_id, e.student_id from public.enrolments e
    where e.school_year_id = p_school_year_id and e.end_reason is distinct from 'class_change'
  ), exempt as materialized (
    -- The semester's exemptions (few): a student exempt from a subject has no place on its sheet.
    select distinct x.student_id, x.subject_id from public.subject_exemptions x
    where x.school_year_id = p_school_year_id and (x.semester is null or x.semester = p_semester)
  ), class_size as (
    -- Per class, its pupils; per class and subject, those of them exempt from it. A sheet's pupils are
    -- the difference. Every pupil owes the same entries (required) and the same by today (due), so those
    -- sums are the sheet's pupils times what one owes.
    select e.class_id, count(*)::int as n from pupils e group by e.class_id
  ), exempt_count as (
    select e.class_id, x.subject_id, count(*)::int as n
    from pupils e join exempt x on x.student_id = e.student_id
    group by e.class_id, x.subject_id
  ), entered as (
    -- Per class and subject, what its pupils have entered, summed before any sheet's figures are needed:
    -- a pupil's capped regular count min(tx, cap) is the number of k = 1..cap with tx ≥ k, so the sums of
    -- (tx ≥ k) for k = 1..4 give every cap (TT22: at most 4 regular assessments are required). A pupil
    -- without entries adds nothing; pupils exempt from the subject are left out.
    select e.class_id, n.subject_id,
           sum((n.tx >= 1)::int) as tx1, sum((n.tx >= 2)::int) as tx2, sum((n.tx >= 3)::int) as tx3, sum((n.tx >= 4)::int) as tx4,
           sum(n.gk) as gk, sum(n.ck) as ck, sum((n.gk = 1)::int) as gk1, sum((n.ck = 1)::int) as ck1,
           sum(n.gk_level) as gk_level, sum(n.ck_level) as ck_level,
           sum((n.gk_level = 1)::int) as gk_level1, sum((n.ck_level = 1)::int) as ck_level1,
           sum((n.gk_test = 1)::int) as gk_test1, sum((n.ck_test = 1)::int) as ck_test1
    from counts n
    join pupils e on e.student_id = n.student_id
    where not exists (select 1 from exempt x where x.student_id = n.student_id and x.subject_id = n.subject_id)
    group by e.class_id, n.subject_id
  )
  select sh.class_id, sh.class_name, sh.grade, sh.subject_id, sh.subject_name, sh.regime, sh.teacher_id, sh.teacher_name,
         st.students, st.students * per.required, got.done,
         st.students * per.due, st.students * per.due - got.done_of_due
  from sheets sh
  left join class_size cz on cz.class_id = sh.class_id
  left join exempt_count xc on xc.class_id = sh.class_id and xc.subject_id = sh.subject_id
  left join entered en on en.class_id = sh.class_id and en.subject_id = sh.subject_id
  cross join lateral (select coalesce(cz.n, 0) - coalesce(xc.n, 0) as students) st
  cross join lateral (
    -- What one pupil of the sheet owes in the semester, and by today (cap: the regular assessments due).
    select case when sh.regime = 'tt22' then sh.req_tx + 2
                else 2 + sh.gk_test_req::int + sh.ck_test_req::int end as required,
           case when sh.regime = 'tt22' then (sh.req_tx * weeks_done / weeks_total) + gk_due::int + ck_due::int
                else gk_due::int * (1 + sh.gk_test_req::int) + ck_due::int * (1 + sh.ck_test_req::int) end as due,
           sh.req_tx * weeks_done / weeks_total as cap
  ) per
  cross join lateral (
    -- What the sheet's pupils entered, of all that is required and of what is due.
    select case when sh.regime = 'tt22'
                then coalesce((sh.req_tx >= 1)::int * en.tx1 + (sh.req_tx >= 2)::int * en.tx2 + (sh.req_tx >= 3)::int * en.tx3
                              + (sh.req_tx >= 4)::int * en.tx4 + en.gk + en.ck, 0)
                else coalesce(en.gk_level + en.ck_level + sh.gk_test_req::int * en.gk_test1 + sh.ck_test_req::int * en.ck_test1, 0)
           end::int as done,
           case when sh.regime = 'tt22'
                then coalesce((per.cap >= 1)::int * en.tx1 + (per.cap >= 2)::int * en.tx2 + (per.cap >= 3)::int * en.tx3
                              + (per.cap >= 4)::int * en.tx4 + gk_due::int * en.gk1 + ck_due::int * en.ck1, 0)
                else coalesce(gk_due::int * en.gk_level1 + ck_due::int * en.ck_level1
                              + gk_due::int * sh.gk_test_req::int * en.gk_test1 + ck_due::int * sh.ck_test_req::int * en.ck_test1, 0)
           end::int as done_of_due
  ) got
  order by sh.grade, sh.class_name, sh.sort_order;
end $$;
revoke execute on function private.gradebook_progress_rows(uuid, int, boolean) from public, anon, authenticated;
comment on function private.gradebook_progress_rows(uuid, int, boolean) is
  'The rows of rpc/gradebook_progress for a school year and semester: every sheet (p_all) or those of the caller and their department. No check of who asks: called by security-definer RPCs after theirs.';

-- (20261203000200's version: the same checks, then the shared body.)
create or replace function public.gradebook_progress(p_school_year_id uuid, p_semester int)
returns table (class_id uuid, class_name text, grade int, subject_id uuid, subject_name text, regime text,
               teacher_id uuid, teacher_name text, students int, required int, done int, due int, overdue int)
language plpgsql stable security definer set search_path = ''
as $$
declare
  school_wide boolean;
begin
  if p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  -- Who may ask first: an unknown year and another school's year answer the same.
  school_wide := (select auth.role()) = 'service_role'
    or p_school_year_id in (select private.my_year_ids('{principal,vice_principal,admin_board,clerk}'));
  if not school_wide and p_school_year_id not in (select private.my_year_ids(private.school_staff_roles())) then
    raise exception 'Bạn không thuộc trường của năm học này' using errcode = '42501';
  end if;
  return query select * from private.gradebook_progress_rows(p_school_year_id, p_semester, school_wide);
end $$;

-- ───────────────────────────── rpc/office_overview ─────────────────────────────
-- A count as an office reads it: 1–4 as "< 5", 0 and ≥ 5 as the number (null: nothing to count).
create function private.office_count(n bigint) returns jsonb
language sql immutable set search_path = ''
as $$ select case when n is null then null when n between 1 and 4 then to_jsonb('< 5'::text) else to_jsonb(n) end $$;
revoke execute on function private.office_count(bigint) from public, anon;
grant execute on function private.office_count(bigint) to authenticated, service_role;

-- Per category of a fixed list, its masked count (every category present, 0 included).
create function private.office_counts(p_values text[], p_categories text[]) returns jsonb
language sql immutable set search_path = ''
as $$
  select coalesce(jsonb_object_agg(c.k, private.office_count((select count(*) from unnest(p_values) v where v is not distinct from c.k))), '{}')
  from unnest(p_categories) c (k)
$$;
revoke execute on function private.office_counts(text[], text[]) from public, anon;
grant execute on function private.office_counts(text[], text[]) to authenticated, service_role;

-- One school's detail for the overview: counts, progress, latest published results per grade, dossiers
-- and health of its current year. Called only by rpc/office_overview after its check.
create function private.office_school(p_school_id uuid) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  s record;
  yr record;
  today constant date := public.app_today();
  sem int;
  counts jsonb;
  progress jsonb;
  results jsonb;
  dossiers jsonb;
  health jsonb;
  pub record;
begin
  select o.id, o.name, o.school_level, o.parent_id into s from public.org_units o where o.id = p_school_id and o.kind = 'school';
  select y.* into yr from public.school_years y where y.id = private.current_school_year_id(p_school_id);
  if yr.id is null then
    return jsonb_build_object('id', s.id, 'name', s.name, 'school_level', s.school_level, 'parent_id', s.parent_id, 'school_year', null);
  end if;
  sem := case when today <= yr.semester1_ends_on then 1 else 2 end;

  select jsonb_build_object(
           'classes', private.office_count((select count(*) from public.classes c where c.school_year_id = yr.id)),
           -- One open enrolment per student and year (enrolments_open_idx), as rpc/school_summaries counts.
           'students', private.office_count((select count(*) from public.enrolments e where e.school_year_id = yr.id and e.ended_on is null)),
           'staff', private.office_count((select count(distinct m.profile_id) from public.memberships m
                                          where m.school_year_id = yr.id and m.role = any (private.school_staff_roles()))))
  into counts;

  select jsonb_build_object(
           'semester', sem,
           'sheets', private.office_count(count(*)),
           'sheets_overdue', private.office_count(count(*) filter (where g.overdue > 0)),
           'required', private.office_count(coalesce(sum(g.required), 0)),
           'done', private.office_count(coalesce(sum(g.done), 0)),
           'due', private.office_count(coalesce(sum(g.due), 0)),
           'overdue', private.office_count(coalesce(sum(g.overdue), 0)),
           'share_done', case when sum(g.required) > 0 then round(100.0 * sum(g.done) / sum(g.required), 1) end,
           'share_due_done', case when sum(g.due) > 0 then round(100.0 * (sum(g.due) - sum(g.overdue)) / sum(g.due), 1) end)
  into progress
  from private.gradebook_progress_rows(yr.id, sem, true) g;

  -- The latest published period of the school: the latest year, then the year's results before
  -- semester II before semester I.
  select p.school_year_id, p.semester, y.code into pub
  from public.result_publications p join public.school_years y on y.id = p.school_year_id
  where p.school_id = p_school_id and p.status = 'published'
  order by y.starts_on desc, p.semester is null desc, p.semester desc
  limit 1;
  if pub.school_year_id is not null then
    with published as (
      select c.id as class_id, c.grade from public.result_publications p join public.classes c on c.id = p.class_id
      where p.school_year_id = pub.school_year_id and p.semester is not distinct from pub.semester and p.status = 'published'
    ), levels as (
      select pc.grade, pc.class_id, r.learning_level as level, r.conduct_level as conduct
      from published pc join public.student_results r on r.class_id = pc.class_id and r.semester is not distinct from pub.semester
      where s.school_level <> 'primary'
      union all
      select pc.grade, pc.class_id, r.year_result, null
      from published pc join public.primary_results r on r.class_id = pc.class_id
      where s.school_level = 'primary'
    ), per_grade as (
      select pc.grade, count(distinct pc.class_id) as classes,
             (select array_agg(l.level) from levels l where l.grade = pc.grade) as lv,
             (select array_agg(l.conduct) from levels l where l.grade = pc.grade) as cd
      from published pc group by pc.grade
    )
    select jsonb_build_object(
             'school_year_code', pub.code, 'semester', pub.semester,
             'regime', case when s.school_level = 'primary' then 'tt27' else 'tt22' end,
             'grades', coalesce(jsonb_agg(jsonb_build_object(
               'grade', g.grade, 'classes', private.office_count(g.classes),
               'students', private.office_count(coalesce(cardinality(g.lv), 0)),
               'levels', case when s.school_level = 'primary'
                              then private.office_counts(g.lv, '{xuat_sac,tot,hoan_thanh,chua_hoan_thanh}')
                              else private.office_counts(g.lv, '{tot,kha,dat,chua_dat}') end,
               'conduct', case when s.school_level <> 'primary' then private.office_counts(g.cd, '{tot,kha,dat,chua_dat}') end)
               order by g.grade), '[]'))
    into results
    from per_grade g;
  end if;

  select jsonb_build_object(
           'due', private.office_count(count(*)),
           'approved', private.office_count(count(*) filter (where o.status = 'approved')),
           'submitted', private.office_count(count(*) filter (where o.status = 'submitted')),
           'returned', private.office_count(count(*) filter (where o.status = 'returned')),
           'missing', private.office_count(count(*) filter (where o.status in ('missing', 'draft', 'reopened'))),
           'late', private.office_count(count(*) filter (where o.first_submitted_at > o.due_at)),
           'share_done', case when count(*) > 0 then round(100.0 * count(*) filter (where o.status in ('approved', 'submitted')) / count(*), 1) end)
  into dossiers
  from public.dossier_obligations o
  where o.school_id = p_school_id and o.school_year_id = yr.id and o.due_on < today;

  -- rpc/health_report's total row (its definitions), masked by this function's rule.
  with pupils as (
    select distinct e.student_id from public.enrolments e where e.school_year_id = yr.id
  ), latest as (
    select distinct on (m.student_id) m.student_id, m.bmi_status, m.height_status
    from public.student_measures m
    where m.school_year_id = yr.id and m.height_cm is not null and m.weight_kg is not null and m.student_id in (select student_id from pupils)
    order by m.student_id, m.measured_on desc
  ), findings as (
    select distinct x.student_id from public.health_screenings x
    where x.school_year_id = yr.id and x.result <> 'normal' and x.student_id in (select student_id from pupils)
  )
  select jsonb_build_object(
           'enrolled', private.office_count((select count(*) from pupils)),
           'examined', private.office_count(count(*)),
           'thin', private.office_count(count(*) filter (where l.bmi_status in ('gầy còm', 'gầy còm nặng'))),
           'stunted', private.office_count(count(*) filter (where l.height_status in ('thấp còi', 'thấp còi nặng'))),
           'overweight', private.office_count(count(*) filter (where l.bmi_status = 'thừa cân')),
           'obese', private.office_count(count(*) filter (where l.bmi_status = 'béo phì')),
           'findings', private.office_count((select count(*) from findings)),
           'clinic_visits', private.office_count((select count(*) from public.clinic_visits v
                                                  where v.school_year_id = yr.id and v.student_id in (select student_id from pupils))),
           'informed', private.office_count((select count(distinct n.student_id) from public.health_notices n
                                             where n.school_year_id = yr.id and n.kind = 'yearly' and n.student_id in (select student_id from pupils))))
  into health
  from latest l;

  return jsonb_build_object(
    'id', s.id, 'name', s.name, 'school_level', s.school_level, 'parent_id', s.parent_id,
    'school_year', jsonb_build_object('id', yr.id, 'code', yr.code),
    'counts', counts, 'progress', progress, 'results', results, 'dossiers', dossiers, 'health', health);
end $$;
revoke execute on function private.office_school(uuid) from public, anon, authenticated;

-- rpc/office_overview(p_org_unit_id): the level of the caller's office to show (null: the caller's own
-- unit; a Phòng below the caller's Sở; a school below either). Answers
--   { unit: {id, name, kind}, path: [{id, name, kind}] from the caller's unit down to this one, today,
--     schools: [ private.office_school(..) ] (the unit's own schools, or the school itself),
--     offices: [ {id, name, kind, schools, classes, students, staff} ] (the Phòng(s) directly below) }
-- Officers only; anyone else, or a unit outside the caller's, one sentence (42501).
create function public.office_overview(p_org_unit_id uuid default null) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  own uuid[];
  target uuid;
  unit record;
  path uuid[];
begin
  select array_agg(m.org_unit_id order by o.kind, o.name) into own
  from public.memberships m join public.org_units o on o.id = m.org_unit_id
  where m.profile_id = (select auth.uid()) and m.role in ('district_officer', 'province_officer');
  if own is null then
    raise exception 'Chỉ cán bộ Phòng GD&ĐT và Sở GD&ĐT xem tổng quan các trường.' using errcode = '42501';
  end if;
  target := coalesce(p_org_unit_id, own[1]);
  with recursive below as (
    select o.id, array[o.id] as path from public.org_units o where o.id = any (own)
    union all
    select o.id, b.path || o.id from public.org_units o join below b on o.parent_id = b.id
  )
  select b.path into path from below b where b.id = target order by cardinality(b.path) limit 1;
  if path is null then
    raise exception 'Đơn vị này không thuộc phạm vi quản lý của bạn.' using errcode = '42501';
  end if;
  select o.id, o.name, o.kind into unit from public.org_units o where o.id = target;

  return jsonb_build_object(
    'unit', jsonb_build_object('id', unit.id, 'name', unit.name, 'kind', unit.kind),
    'path', (select jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'kind', o.kind) order by p.n)
             from unnest(path) with ordinality p (id, n) join public.org_units o on o.id = p.id),
    'today', public.app_today(),
    'schools', coalesce((select jsonb_agg(private.office_school(o.id) order by o.name)
                         from public.org_units o
                         where o.kind = 'school' and (o.id = unit.id or o.parent_id = unit.id)), '[]'),
    'offices', coalesce((
      with recursive tree as (
        select o.id as office_id, o.id from public.org_units o where o.parent_id = unit.id and o.kind <> 'school'
        union all
        select t.office_id, o.id from public.org_units o join tree t on o.parent_id = t.id
      ), years as (
        select t.office_id, y.id as year_id
        from tree t join public.org_units s on s.id = t.id and s.kind = 'school'
        cross join lateral (select private.current_school_year_id(s.id) as id) y
      ), totals as (
        select t.office_id,
               (select count(*) from tree x join public.org_units s on s.id = x.id and s.kind = 'school' where x.office_id = t.office_id) as schools,
               (select count(*) from years y join public.classes c on c.school_year_id = y.year_id where y.office_id = t.office_id) as classes,
               (select count(*) from years y join public.enrolments e on e.school_year_id = y.year_id and e.ended_on is null where y.office_id = t.office_id) as students,
               (select count(*) from (select distinct m.school_year_id, m.profile_id from years y join public.memberships m on m.school_year_id = y.year_id
                                      and m.role = any (private.school_staff_roles()) where y.office_id = t.office_id) d) as staff
        from (select distinct office_id from tree) t
      )
      select jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'schools', x.schools,
                                          'classes', private.office_count(x.classes), 'students', private.office_count(x.students),
                                          'staff', private.office_count(x.staff)) order by o.name)
      from totals x join public.org_units o on o.id = x.office_id), '[]'));
end $$;
comment on function public.office_overview(uuid) is
  'Tổng quan các trường: for a Phòng/Sở officer''s unit (or a Phòng or school below it), per school the counts, gradebook progress, latest published results per grade, dossier compliance and health; the Phòng(s) below with totals. Every count 1–4 as "< 5". Officers only.';
revoke execute on function public.office_overview(uuid) from public, anon;
grant execute on function public.office_overview(uuid) to authenticated;
