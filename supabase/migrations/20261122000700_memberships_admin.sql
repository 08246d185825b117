-- The admin board manages the roles of its own school (never its own memberships, never officer roles,
-- never another school's); staff see the names of the people of their school; the published `schools`
-- view; and school summaries for Phòng and Sở officers, who never read individual students.

-- A membership's school year must belong to the org unit it names.
alter table public.memberships
  add constraint memberships_year_school_fkey foreign key (school_year_id, org_unit_id)
  references public.school_years (id, school_id) on delete restrict;
create index memberships_profile_idx on public.memberships (profile_id);

grant insert, update, delete on public.memberships to authenticated;

drop policy memberships_select on public.memberships;
create policy memberships_select on public.memberships for select to authenticated
  using (profile_id = (select auth.uid())
         or org_unit_id in (select private.my_school_ids('{admin_board,principal,vice_principal}')));
comment on policy memberships_select on public.memberships is
  'A person reads their own roles; the admin board and BGH read the roles of their school.';

-- The admin board of a school year grants school roles of that year, to anybody but itself.
create policy memberships_insert on public.memberships for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}'))
              and profile_id <> (select auth.uid())
              and role not in ('district_officer', 'province_officer'));
create policy memberships_update on public.memberships for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')) and profile_id <> (select auth.uid()))
  with check (school_year_id in (select private.my_year_ids('{admin_board}'))
              and profile_id <> (select auth.uid())
              and role not in ('district_officer', 'province_officer'));
create policy memberships_delete on public.memberships for delete to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')) and profile_id <> (select auth.uid()));
comment on policy memberships_insert on public.memberships is
  'The admin board grants roles of its own school and year, never to itself, never officer roles.';
comment on policy memberships_update on public.memberships is 'As insert: the admin board, own school and year, not its own rows.';
comment on policy memberships_delete on public.memberships is 'The admin board removes a role of its own school and year, not its own.';

-- Profiles the caller may read: themselves; the staff of schools where they are staff; and, for the
-- admin board and BGH, everybody holding a role in their school (guardian and student accounts too).
create function private.visible_profile_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select (select auth.uid())
  union
  select m.profile_id from public.memberships m
  where m.org_unit_id in (select private.my_school_ids(private.school_staff_roles()))
    and m.role = any (private.school_staff_roles())
  union
  select m.profile_id from public.memberships m
  where m.org_unit_id in (select private.my_school_ids('{admin_board,principal,vice_principal}'))
$$;
revoke execute on function private.visible_profile_ids() from public, anon;
grant execute on function private.visible_profile_ids() to authenticated, service_role;

drop policy profiles_select on public.profiles;
create policy profiles_select on public.profiles for select to authenticated
  using (id in (select private.visible_profile_ids()));
comment on policy profiles_select on public.profiles is
  'A person reads their own profile and the names of their school''s staff; the admin board and BGH read everyone in their school.';

-- The audit trigger needs school_id; memberships call it org_unit_id. A generated alias keeps one
-- trigger for every table.
alter table public.memberships add column school_id uuid generated always as (org_unit_id) stored;
select private.enable_audit('public.memberships');

-- ---------------------------------------------------------------------------------------------------
-- schools: the published name for the org units that are schools
-- ---------------------------------------------------------------------------------------------------
create view public.schools with (security_invoker = true) as
  select o.id, o.parent_id, o.code, o.name, o.school_level, o.created_at, o.updated_at
  from public.org_units o
  where o.kind = 'school';
comment on view public.schools is 'Trường học: the org units that are schools.';
grant select on public.schools to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- school_summaries(): per school the caller oversees (officers: every school below their Phòng or Sở;
-- school staff: their own school) the current year's counts. Aggregates only, never a student row.
-- Security definer so officers can count what they may not read. Cost: a few grouped index scans.
-- ---------------------------------------------------------------------------------------------------
create function public.school_summaries()
returns table (school_id uuid, school_name text, school_level public.school_level, school_year text,
               classes bigint, students bigint, teachers bigint)
language sql stable security definer set search_path = ''
as $$
  with scope as (
    select id from private.my_officer_school_ids() id
    union
    select id from private.my_school_ids(private.school_staff_roles()) id
  ), years as (
    select y.id, y.school_id, y.code from public.school_years y
    where y.id in (select private.current_school_year_ids()) and y.school_id in (select id from scope)
  )
  select o.id, o.name, o.school_level, y.code,
         (select count(*) from public.classes c where c.school_year_id = y.id),
         (select count(distinct e.student_id) from public.enrolments e where e.school_year_id = y.id and e.ended_on is null),
         (select count(distinct m.profile_id) from public.memberships m
           where m.school_year_id = y.id and m.role in ('subject_teacher', 'homeroom_teacher'))
  from years y join public.org_units o on o.id = y.school_id
  order by o.name
$$;
revoke execute on function public.school_summaries() from public, anon;
grant execute on function public.school_summaries() to authenticated, service_role;
