-- rpc/gradebook_progress told an unknown year id from another school's (issue 11, finding 7, found
-- again in review): it looked the year up first ("Không tìm thấy năm học", 22023) and only then asked
-- whether the caller is staff of it ("Bạn không thuộc trường của năm học này", 42501), so any signed-in
-- user could probe which ids are school years. Now the caller's right comes first: for everyone but the
-- service role an unknown id and a foreign year answer the same 42501. Otherwise unchanged.

create or replace function public.gradebook_progress(p_school_year_id uuid, p_semester int)
returns table (class_id uuid, class_name text, grade int, subject_id uuid, subject_name text, regime text,
               teacher_id uuid, teacher_name text, students int, required int, done int, due int, overdue int)
language plpgsql stable security definer set search_path = ''
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
    join public.class_subjects cs on cs.class_id = c.id
    join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
    left join lateral (select t.teacher_id from public.teaching_assignments t
                       where t.class_id = c.id and t.subject_id = s.id and t.ended_at is null
                         and p_semester between t.from_semester and t.to_semester
                       order by t.created_at desc limit 1) a on true
    left join public.profiles p on p.id = a.teacher_id
    where c.school_year_id = p_school_year_id
      and (school_wide or a.teacher_id = (select auth.uid())
           or a.teacher_id in (select d.profile_id from private.my_department_teacher_ids() d where d.school_year_id = p_school_year_id))
  ), pupils as (
    select sh.*, e.student_id
    from sheets sh
    join public.enrolments e on e.class_id = sh.class_id and e.end_reason is distinct from 'class_change'
    where not exists (select 1 from public.subject_exemptions x where x.student_id = e.student_id and x.subject_id = sh.subject_id
                        and x.school_year_id = p_school_year_id and (x.semester is null or x.semester = p_semester))
  ), per_student as (
    select pu.class_id, pu.subject_id, pu.regime,
           case when pu.regime = 'tt22' then pu.req_tx + 2
                else 2 + pu.gk_test_req::int + pu.ck_test_req::int end as required,
           case when pu.regime = 'tt22' then least(ent.tx, pu.req_tx) + ent.gk + ent.ck
                else ent.gk_level + ent.ck_level + (pu.gk_test_req and ent.gk_test = 1)::int + (pu.ck_test_req and ent.ck_test = 1)::int end as done,
           case when pu.regime = 'tt22' then (pu.req_tx * weeks_done / weeks_total) + gk_due::int + ck_due::int
                else gk_due::int * (1 + pu.gk_test_req::int) + ck_due::int * (1 + pu.ck_test_req::int) end as due,
           case when pu.regime = 'tt22' then least(ent.tx, pu.req_tx * weeks_done / weeks_total) + (gk_due and ent.gk = 1)::int + (ck_due and ent.ck = 1)::int
                else (gk_due and ent.gk_level = 1)::int + (ck_due and ent.ck_level = 1)::int
                     + (gk_due and pu.gk_test_req and ent.gk_test = 1)::int + (ck_due and pu.ck_test_req and ent.ck_test = 1)::int end as done_of_due
    from pupils pu
    cross join lateral (
      select count(*) filter (where x.kind = 'tx')::int as tx,
             count(*) filter (where x.kind = 'gk')::int as gk,
             count(*) filter (where x.kind = 'ck')::int as ck,
             count(*) filter (where x.kind = 'gk' and x.level is not null)::int as gk_level,
             count(*) filter (where x.kind = 'ck' and x.level is not null)::int as ck_level,
             count(*) filter (where x.kind = 'gk' and x.score is not null)::int as gk_test,
             count(*) filter (where x.kind = 'ck' and x.score is not null)::int as ck_test
      from public.score_entries x
      where x.student_id = pu.student_id and x.subject_id = pu.subject_id and x.school_year_id = p_school_year_id
        and x.semester = p_semester
    ) ent
  )
  select sh.class_id, sh.class_name, sh.grade, sh.subject_id, sh.subject_name, sh.regime, sh.teacher_id, sh.teacher_name,
         count(ps.*)::int, coalesce(sum(ps.required), 0)::int, coalesce(sum(ps.done), 0)::int,
         coalesce(sum(ps.due), 0)::int, coalesce(sum(ps.due - ps.done_of_due), 0)::int
  from sheets sh
  left join per_student ps on ps.class_id = sh.class_id and ps.subject_id = sh.subject_id
  group by sh.class_id, sh.class_name, sh.grade, sh.subject_id, sh.subject_name, sh.sort_order, sh.regime, sh.teacher_id, sh.teacher_name
  order by sh.grade, sh.class_name, sh.sort_order;
end $$;
