-- "Today" and the role helpers every policy uses.
-- Everything that depends on today (current school year, overdue) reads public.app_today(), which a
-- setting can pin for the demo and the tests; security expiry never uses it (it uses now()).
-- Role helpers are security definer, live in `private` (not exposed by PostgREST), return sets and are
-- called as `x in (select private.…())`, so Postgres evaluates them once per statement (InitPlan).

create table private.settings (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);
comment on table private.settings is 'Instance settings not exposed through the API (e.g. pinned_today for the demo and tests).';
alter table private.settings enable row level security;
grant select, insert, update, delete on private.settings to service_role;

-- Today's date in Asia/Ho_Chi_Minh, or the pinned date. Any caller. Cost: one primary-key lookup.
create function public.app_today() returns date
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select s.value::date from private.settings s where s.key = 'pinned_today'),
    (now() at time zone 'Asia/Ho_Chi_Minh')::date)
$$;
revoke execute on function public.app_today() from public;
grant execute on function public.app_today() to anon, authenticated, service_role;

-- The current school year of each school: the latest one that has started. Cost: one scan of
-- school_years (a few rows per school).
create function private.current_school_year_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct on (y.school_id) y.id
  from public.school_years y
  where y.starts_on <= public.app_today()
  order by y.school_id, y.starts_on desc
$$;

-- School years in which the caller holds one of `roles` (rights on year Y's rows come from year Y's
-- memberships). Cost: index scan of the caller's memberships.
create function private.my_year_ids(roles public.app_role[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.school_year_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role = any (roles) and m.school_year_id is not null
$$;

-- Schools where the caller holds one of `roles` in the school's current year (for rows that are not
-- year-scoped, such as students). Cost: the caller's memberships joined to the current years.
create function private.my_school_ids(roles public.app_role[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.org_unit_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role = any (roles)
    and m.school_year_id in (select private.current_school_year_ids())
$$;

-- Org units (Phòng or Sở) where the caller is an officer, with every school below them.
create function private.my_officer_school_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive units as (
    select m.org_unit_id as id from public.memberships m
    where m.profile_id = (select auth.uid()) and m.role in ('district_officer', 'province_officer')
    union
    select o.id from public.org_units o join units u on o.parent_id = u.id
  )
  select o.id from public.org_units o join units u on u.id = o.id where o.kind = 'school'
$$;

revoke execute on function private.current_school_year_ids(), private.my_year_ids(public.app_role[]),
  private.my_school_ids(public.app_role[]), private.my_officer_school_ids() from public, anon;
grant execute on function private.current_school_year_ids(), private.my_year_ids(public.app_role[]),
  private.my_school_ids(public.app_role[]), private.my_officer_school_ids() to authenticated, service_role;

-- Role groups, named once. Staff who read every class of the school year.
create function private.school_staff_roles() returns public.app_role[]
language sql immutable set search_path = ''
as $$ select '{principal,vice_principal,admin_board,dept_head,homeroom_teacher,subject_teacher,nurse,clerk,it_staff,inspector,union_officer}'::public.app_role[] $$;
-- Roles that read every student of the school (the full profile for the first four).
create function private.school_wide_student_roles() returns public.app_role[]
language sql immutable set search_path = ''
as $$ select '{principal,vice_principal,admin_board,clerk,nurse}'::public.app_role[] $$;
create function private.full_profile_roles() returns public.app_role[]
language sql immutable set search_path = ''
as $$ select '{principal,vice_principal,admin_board,clerk}'::public.app_role[] $$;
create function private.bgh_roles() returns public.app_role[]
language sql immutable set search_path = ''
as $$ select '{principal,vice_principal}'::public.app_role[] $$;
grant execute on function private.school_staff_roles(), private.school_wide_student_roles(),
  private.full_profile_roles(), private.bgh_roles() to authenticated, service_role;

-- Diacritic-insensitive search ("nguyen van" finds "Nguyễn Văn"); immutable so it can back an index.
create extension if not exists unaccent with schema extensions;
create function private.search_text(value text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select lower(replace(replace(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(value, '')), 'Đ', 'D'), 'đ', 'd')) $$;
grant execute on function private.search_text(text) to anon, authenticated, service_role;
