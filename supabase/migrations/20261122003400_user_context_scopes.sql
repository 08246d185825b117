-- The admin hides an action on a row the caller's roles do not reach (a GVCN's "Sửa" on another class's
-- student, a teacher's button on a class they do not teach). Which rows a scope reaches is the
-- database's knowledge (homeroom classes, teaching assignments, departments, guardian links, officer
-- schools), so current_user_context() now carries it, computed by the same private helpers the policies
-- use, instead of the admin recomputing it from tables it may not read.

-- private.user_scope(): the caller's scope keys. Classes and assignments of every year in which the
-- caller holds the role (a class id belongs to one year, so last year's GVCN still reaches last year's
-- rows, as the policies' year-scoped rules do); departments of the current years. Security definer: it
-- reads department members and guardian links the caller may not list, but only the caller's own ties.
-- Cost: index scans of the caller's classes, assignments, department and guardian links.
create function private.user_scope() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'homeroom_class_ids', coalesce((
      select jsonb_agg(h) from private.homeroom_class_ids() h), '[]'::jsonb),
    'assignments', coalesce((
      select jsonb_agg(distinct jsonb_build_object('class_id', a.class_id, 'subject_id', a.subject_id))
      from public.teaching_assignments a
      where a.teacher_id = (select auth.uid()) and a.ended_at is null
        and a.school_year_id in (select private.my_year_ids('{subject_teacher,homeroom_teacher,dept_head,principal,vice_principal}'))), '[]'::jsonb),
    'department_ids', coalesce((
      select jsonb_agg(distinct d.department_id) from public.department_members d
      where d.profile_id = (select auth.uid())
        and d.school_year_id in (select private.current_school_year_ids())), '[]'::jsonb),
    'department_teacher_ids', coalesce((
      select jsonb_agg(distinct t.profile_id) from private.my_department_teacher_ids() t
      where t.school_year_id in (select private.current_school_year_ids())), '[]'::jsonb),
    'department_assignments', coalesce((
      select jsonb_agg(distinct jsonb_build_object('class_id', t.class_id, 'subject_id', t.subject_id))
      from private.taught_class_subjects() t), '[]'::jsonb),
    'guardian_student_ids', coalesce((
      select jsonb_agg(distinct g.student_id) from public.guardians g
      where g.profile_id = (select auth.uid())), '[]'::jsonb),
    'student_id', (select s.id from public.students s where s.profile_id = (select auth.uid())),
    'family_class_ids', coalesce((
      select jsonb_agg(distinct f) from private.family_class_ids() f), '[]'::jsonb),
    'officer_school_ids', coalesce((
      select jsonb_agg(distinct o) from private.my_officer_school_ids() o), '[]'::jsonb)
  )
$$;
comment on function private.user_scope() is
  'The caller''s scope keys (homeroom classes, assignments, departments, guardian links, own student, officer schools) for current_user_context().';
revoke execute on function private.user_scope() from public, anon;
grant execute on function private.user_scope() to authenticated, service_role;

-- current_user_context(): as 20261122003300 (user, email, name, today, memberships with `current`),
-- plus `scope` (private.user_scope()). Any signed-in caller; about their own ties only.
create or replace function public.current_user_context() returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'user_id', (select auth.uid()),
    'email', (select auth.email()),
    'full_name', (select p.full_name from public.profiles p where p.id = (select auth.uid())),
    'today', public.app_today(),
    'memberships', coalesce((
      select jsonb_agg(jsonb_build_object(
               'org_unit_id', o.id,
               'org_unit_name', o.name,
               'org_unit_kind', o.kind,
               'school_year', y.code,
               'current', y.id is null or y.id in (select private.current_school_year_ids()),
               'role', m.role) order by o.name, y.code desc nulls first, m.role)
      from public.memberships m
      join public.org_units o on o.id = m.org_unit_id
      left join public.school_years y on y.id = m.school_year_id
      where m.profile_id = (select auth.uid())
    ), '[]'::jsonb),
    'scope', case when (select auth.uid()) is null then null else private.user_scope() end
  )
$$;

-- students.can_edit: a computed field (`select=*,can_edit`), the database's answer for "Sửa" on a
-- student row — the rule of students_update (private.editable_student_ids(): the admin board its
-- school's students, the GVCN the current class's). Any caller who reads the row. Cost: one hashed set.
create function public.can_edit(s public.students) returns boolean
language sql stable security invoker set search_path = ''
as $$ select s.id in (select private.editable_student_ids()) $$;
comment on function public.can_edit(public.students) is
  'Sửa học sinh: the caller may edit this student (the admin board of the school, the current GVCN).';
revoke execute on function public.can_edit(public.students) from public, anon;
grant execute on function public.can_edit(public.students) to authenticated, service_role;
