-- RLS performance, measured by scripts/bench-rls.ts on the district preset (29k students): the
-- homeroom list ran at 3.0× the service role and the BGH grade list at 2.3×. Three causes, three fixes:
-- 1. Non-inlinable SQL helpers are re-planned on every call (every request); PL/pgSQL keeps the plans
--    per connection, and PostgREST keeps its connections. Same bodies, signatures and grants.
-- 2. A set-returning function is estimated at 1000 rows, which turned `x in (select helper())` into a
--    hash join over a sequential scan of students; the helpers now state realistic row counts.
-- 3. School-wide roles are checked against the row's own school_id (an enrolment's and an exemption's
--    school is its student's, by the composite keys of 20261122001001) instead of building the set of
--    every student id of the school; the helper that remains returns only the caller's own students.
create or replace function private.current_school_year_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  return query
  select distinct on (y.school_id) y.id
  from public.school_years y
  where y.starts_on <= public.app_today()
  order by y.school_id, y.starts_on desc;
end $$;

create or replace function private.my_year_ids(roles public.app_role[]) returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  return query
  select m.school_year_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role = any (roles) and m.school_year_id is not null;
end $$;

create or replace function private.my_school_ids(roles public.app_role[]) returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  return query
  select m.org_unit_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role = any (roles)
    and m.school_year_id in (select private.current_school_year_ids());
end $$;

create or replace function private.homeroom_class_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  return query
  select c.id from public.classes c
  where c.homeroom_teacher_id = (select auth.uid())
    and c.school_year_id in (select private.my_year_ids('{homeroom_teacher}'));
end $$;


create or replace function private.family_class_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  return query
  select e.class_id from public.enrolments e
  where e.student_id in (
    select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
    union
    select s.id from public.students s where s.profile_id = (select auth.uid()));
end $$;
-- Set-returning helpers that return a handful of ids: tell the planner (default estimate is 1000 rows,
-- which turns `x in (select helper())` into a hash join over a sequential scan of the big table).
alter function private.current_school_year_ids() rows 10;
alter function private.my_year_ids(public.app_role[]) rows 10;
alter function private.my_school_ids(public.app_role[]) rows 2;
alter function private.my_org_unit_ids() rows 2;
alter function private.homeroom_class_ids() rows 2;
alter function private.family_class_ids() rows 5;
-- The students a caller reads through their classes or family (not their school-wide role): a few
-- hundred ids at most, so `id in (select …)` stays a small hashed set. Cost: index scans of the
-- caller's classes, assignments, guardian links.
create or replace function private.taught_student_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 300
as $$ begin
  return query
  select e.student_id from public.enrolments e
  where e.class_id in (select private.homeroom_class_ids())
  union
  select e.student_id from public.enrolments e
  join public.teaching_assignments a on a.class_id = e.class_id
  where a.teacher_id = (select auth.uid()) and a.ended_at is null
    and a.school_year_id in (select private.my_year_ids('{subject_teacher,homeroom_teacher,dept_head}'))
  union
  select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.id from public.students s where s.profile_id = (select auth.uid());
end $$;
revoke execute on function private.taught_student_ids() from public, anon;
grant execute on function private.taught_student_ids() to authenticated, service_role;

-- School-wide roles become a predicate on the row's own school_id (an enrolment's and an exemption's
-- school is their student's: composite keys of 20261122001001) instead of a set of every student id.
alter policy students_select on public.students
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or id in (select private.taught_student_ids()));
alter policy enrolments_select on public.enrolments
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or student_id in (select private.taught_student_ids()));
alter policy subject_exemptions_select on public.subject_exemptions
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or student_id in (select private.taught_student_ids()));

-- The school-wide branch moved into the policies; nothing refers to the old helper any more.
drop function private.visible_student_ids();
