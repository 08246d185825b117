-- Deadlines, progress and checks (seed 001 Điều 8; DOMAIN.md §4). Each school sets its deadlines (the
-- admin board): student profiles within 4 weeks of the start of the year, BGH's cross-check within 5,
-- regular entries by the end of each week (Sunday 23:59 Vietnam time), periodic entries within 2 weeks
-- of the test, whose dates the school sets per period. The progress of every sheet (class × subject ×
-- semester, with its teacher) — required entries, entries done, entries due by today and overdue — is
-- one function, read by BGH and the admin board (the school), a Tổ trưởng (their department) and a
-- teacher (their own). A check (kiểm tra) is a record of the school: who checked whom, what was found
-- and the follow-up; never changed, audited.

create table public.school_deadlines (
  school_id uuid primary key references public.org_units (id) on delete restrict,
  profiles_weeks int not null default 4 check (profiles_weeks between 1 and 12),
  crosscheck_weeks int not null default 5 check (crosscheck_weeks between 1 and 12),
  -- Regular entries of a week are due on this ISO weekday (7 = Sunday) at this time, Vietnam time.
  regular_weekday int not null default 7 check (regular_weekday between 1 and 7),
  regular_time time not null default '23:59',
  periodic_days int not null default 14 check (periodic_days between 1 and 60),
  updated_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.school_deadlines is
  'Thời hạn cập nhật of a school (seed 001 Điều 8): profiles, cross-check, weekly regular entries, periodic entries after the test. A school without a row uses the defaults (rpc deadlines_of).';
alter table public.school_deadlines enable row level security;
grant select, insert, update on public.school_deadlines to authenticated, service_role;
revoke truncate, references, trigger, delete on public.school_deadlines from service_role, authenticated, anon;
create policy school_deadlines_select on public.school_deadlines for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_staff_roles())));
create policy school_deadlines_insert on public.school_deadlines for insert to authenticated
  with check (school_id in (select private.my_school_ids('{admin_board}')));
create policy school_deadlines_update on public.school_deadlines for update to authenticated
  using (school_id in (select private.my_school_ids('{admin_board}')))
  with check (school_id in (select private.my_school_ids('{admin_board}')));
comment on policy school_deadlines_select on public.school_deadlines is 'Staff of the school read its deadlines.';
comment on policy school_deadlines_insert on public.school_deadlines is 'The admin board sets its school''s deadlines.';
comment on policy school_deadlines_update on public.school_deadlines is 'The admin board changes its school''s deadlines.';
-- Who changed them last, whatever the client sends.
create function private.stamp_updated_by() returns trigger
language plpgsql set search_path = ''
as $$ begin
  new.updated_by := coalesce((select auth.uid()), new.updated_by);
  new.updated_at := now();
  return new;
end $$;
create trigger school_deadlines_stamp before insert or update on public.school_deadlines
  for each row execute function private.stamp_updated_by();
select private.enable_audit('public.school_deadlines', 'school_id');

-- The deadlines of a school: its row, or the defaults. Staff of the school.
create function public.deadlines_of(p_school_id uuid) returns public.school_deadlines
language sql stable security definer set search_path = ''
as $$
  select coalesce(d, row(p_school_id, 4, 5, 7, '23:59'::time, 14, null, now(), now())::public.school_deadlines)
  from (select (select d from public.school_deadlines d where d.school_id = p_school_id) as d) x
  where p_school_id in (select private.my_school_ids(private.school_staff_roles())) or (select auth.role()) = 'service_role'
$$;
revoke execute on function public.deadlines_of(uuid) from public, anon;
grant execute on function public.deadlines_of(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- assessment_periods: the date of each periodic test of a school year (giữa kỳ / cuối kỳ of each
-- semester; for a primary school ck2 is cuối năm). Periodic entries are due periodic_days after it.
-- ---------------------------------------------------------------------------------------------------
create table public.assessment_periods (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  period text not null check (period in ('gk1', 'ck1', 'gk2', 'ck2')),
  test_date date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_year_id, period),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.assessment_periods is
  'Lịch kiểm tra định kì: the test date of each period (gk1, ck1, gk2, ck2) of a school year; periodic entries are due the school''s periodic_days after it.';
create index assessment_periods_school_idx on public.assessment_periods (school_id);
alter table public.assessment_periods enable row level security;
grant select, insert, update, delete on public.assessment_periods to authenticated, service_role;
revoke truncate, references, trigger on public.assessment_periods from service_role, authenticated, anon;
create policy assessment_periods_select on public.assessment_periods for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy assessment_periods_insert on public.assessment_periods for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal}')));
create policy assessment_periods_update on public.assessment_periods for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal}')))
  with check (school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal}')));
create policy assessment_periods_delete on public.assessment_periods for delete to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal}')));
comment on policy assessment_periods_select on public.assessment_periods is 'Staff of the school year.';
comment on policy assessment_periods_insert on public.assessment_periods is 'The admin board and BGH set the test dates.';
comment on policy assessment_periods_update on public.assessment_periods is 'The admin board and BGH change the test dates.';
comment on policy assessment_periods_delete on public.assessment_periods is 'The admin board and BGH remove a test date.';
select private.enable_audit('public.assessment_periods');

-- Teachers of the departments the caller heads in a school year (a Tổ trưởng's scope).
create function private.my_department_teacher_ids() returns table (school_year_id uuid, profile_id uuid)
language sql stable security definer set search_path = ''
as $$
  select m.school_year_id, m.profile_id
  from public.department_members head
  join public.department_members m on m.department_id = head.department_id and m.school_year_id = head.school_year_id
  where head.profile_id = (select auth.uid()) and head.is_head
    and head.school_year_id in (select private.my_year_ids('{dept_head}'))
$$;
revoke execute on function private.my_department_teacher_ids() from public, anon;
grant execute on function private.my_department_teacher_ids() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- rpc/gradebook_progress(p_school_year_id, p_semester): one row per sheet (class × subject) of the
-- semester with its teacher (the active assignment covering the semester): students (enrolled, not
-- exempt), required entries, done, due by today (app_today, Vietnam), overdue (due and not done).
--   TT22: per student the required ĐĐGtx, ĐĐGgk and ĐĐGck. ĐĐGtx fall due week by week: after k of
--         the semester's n weeks have ended (on the school's weekday and time, Vietnam time),
--         floor(required × k / n) are due. ĐĐGgk / ĐĐGck are due periodic_days after the period's
--         test date (none due while the school has not set the date).
--   TT27: per student the level of gk and ck, and the test score where TT27 requires one, due
--         periodic_days after the period's test date.
-- BGH, the admin board and the clerk: the school; a Tổ trưởng: the sheets of their department's
-- teachers; a teacher: their own sheets. Cost: one school year's entries of the semester.
-- ---------------------------------------------------------------------------------------------------
create function public.gradebook_progress(p_school_year_id uuid, p_semester int)
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
  select sy.*, o.school_level into y from public.school_years sy join public.org_units o on o.id = sy.school_id where sy.id = p_school_year_id;
  if not found then
    raise exception 'Không tìm thấy năm học' using errcode = '22023';
  end if;
  school_wide := (select auth.role()) = 'service_role'
    or p_school_year_id in (select private.my_year_ids('{principal,vice_principal,admin_board,clerk}'));
  if not school_wide and p_school_year_id not in (select private.my_year_ids(private.school_staff_roles())) then
    raise exception 'Bạn không thuộc trường của năm học này' using errcode = '42501';
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
comment on function public.gradebook_progress(uuid, int) is
  'Tiến độ nhập điểm of a school year and semester: per sheet (class × subject, with its teacher) the students, required entries, done, due by today and overdue. BGH, the admin board and the clerk: the school; a Tổ trưởng: their department; a teacher: their own.';
revoke execute on function public.gradebook_progress(uuid, int) from public, anon;
grant execute on function public.gradebook_progress(uuid, int) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- inspections (kiểm tra): a record of the school — who checked, whom (a teacher, optionally a class
-- and subject), when, the findings and the follow-up. BGH check anyone of the school; a Tổ trưởng the
-- teachers of their department (monthly). Never changed or removed; audited.
-- ---------------------------------------------------------------------------------------------------
create table public.inspections (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  checked_by uuid not null default auth.uid() references public.profiles (id) on delete restrict,
  checked_on date not null default public.app_today(),
  kind text not null check (kind in ('periodic', 'ad_hoc', 'monthly')),
  teacher_id uuid not null references public.profiles (id) on delete restrict,
  class_id uuid,
  subject_id uuid references public.subjects (id) on delete restrict,
  semester smallint check (semester in (1, 2)),
  findings text not null check (length(trim(findings)) between 3 and 4000),
  follow_up text check (length(follow_up) <= 4000),
  follow_up_by date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict
);
comment on table public.inspections is
  'Biên bản kiểm tra: a check of a teacher''s entries by BGH (periodic or ad hoc) or a Tổ trưởng (monthly), with findings and follow-up. A record: insert only.';
create index inspections_year_idx on public.inspections (school_year_id);
create index inspections_school_idx on public.inspections (school_id);
create index inspections_teacher_idx on public.inspections (teacher_id);
create index inspections_checked_by_idx on public.inspections (checked_by);
create index inspections_class_idx on public.inspections (class_id);
alter table public.inspections enable row level security;
grant select, insert on public.inspections to authenticated, service_role;
revoke update, delete, truncate, references, trigger on public.inspections from service_role, authenticated, anon;

create policy inspections_select on public.inspections for select to authenticated
  using (school_year_id in (select private.my_year_ids('{principal,vice_principal,admin_board}'))
         or checked_by = (select auth.uid()) or teacher_id = (select auth.uid())
         or (school_year_id, teacher_id) in (select d.school_year_id, d.profile_id from private.my_department_teacher_ids() d));
create policy inspections_insert on public.inspections for insert to authenticated
  with check (checked_by = (select auth.uid())
              and (school_year_id in (select private.my_year_ids('{principal,vice_principal}'))
                   or (kind = 'monthly' and (school_year_id, teacher_id) in (select d.school_year_id, d.profile_id from private.my_department_teacher_ids() d))));
comment on policy inspections_select on public.inspections is
  'BGH and the admin board read the school''s checks; the checker and the checked teacher theirs; a Tổ trưởng those of their department.';
comment on policy inspections_insert on public.inspections is
  'BGH record checks of anyone of their school; a Tổ trưởng monthly checks of their department''s teachers; always as themselves.';

-- The checked teacher must be staff of that school year.
create function private.check_inspection() returns trigger
language plpgsql security definer set search_path = ''
as $$ begin
  if tg_op <> 'INSERT' then
    raise exception 'Biên bản kiểm tra là hồ sơ: không được sửa hay xoá' using errcode = '42501';
  end if;
  if not exists (select 1 from public.memberships m where m.profile_id = new.teacher_id and m.school_year_id = new.school_year_id
                 and m.role = any (private.school_staff_roles())) then
    raise exception 'Người được kiểm tra không thuộc trường trong năm học này' using errcode = '22023';
  end if;
  return new;
end $$;
create trigger inspections_check before insert or update or delete on public.inspections
  for each row execute function private.check_inspection();
select private.enable_audit('public.inspections');
