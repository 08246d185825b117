-- Organisation units (Sở → Phòng → school), school years, staff profiles and role memberships: the
-- minimum every demo account needs to carry its role from the first day. Roles are data here, never
-- taken from the token's metadata. The school-data issue extends these tables and their policies.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- org_units
-- ---------------------------------------------------------------------------------------------------
create type public.org_unit_kind as enum ('province', 'district', 'school');
create type public.school_level as enum ('primary', 'lower_secondary', 'upper_secondary');

create table public.org_units (
  id uuid primary key default extensions.gen_random_uuid(),
  kind public.org_unit_kind not null,
  parent_id uuid references public.org_units (id) on delete restrict,
  code text not null unique,
  name text not null,
  school_level public.school_level,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint org_units_school_level_check check ((kind = 'school') = (school_level is not null)),
  constraint org_units_parent_check check ((kind = 'province') = (parent_id is null))
);
comment on table public.org_units is
  'Đơn vị: Sở GD&ĐT (province) → Phòng GD&ĐT (district) → trường (school). THPT report to the Sở directly.';
create index org_units_parent_id_idx on public.org_units (parent_id);

alter table public.org_units enable row level security;
grant select on public.org_units to authenticated, service_role;
grant insert, update, delete on public.org_units to service_role;

-- Schools and offices are public institutions: their names are a public directory, so every signed-in
-- user may read them. Writes are the service role's (provisioning), never a user's.
create policy org_units_select on public.org_units for select to authenticated using (true);
comment on policy org_units_select on public.org_units is
  'Everybody signed in may read the directory of provinces, districts and schools (public information).';

-- ---------------------------------------------------------------------------------------------------
-- school_years
-- ---------------------------------------------------------------------------------------------------
create table public.school_years (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  code text not null check (code ~ '^\d{4}-\d{4}$'),
  starts_on date not null,
  semester1_ends_on date not null,
  semester2_starts_on date not null,
  ends_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_id, code),
  constraint school_years_dates_check check (starts_on < semester1_ends_on and semester1_ends_on < semester2_starts_on and semester2_starts_on < ends_on)
);
comment on table public.school_years is 'Năm học of a school, with the dates of its two semesters (học kỳ I, II).';
create index school_years_school_id_idx on public.school_years (school_id);

alter table public.school_years enable row level security;
grant select on public.school_years to authenticated, service_role;
grant insert, update, delete on public.school_years to service_role;

-- ---------------------------------------------------------------------------------------------------
-- profiles
-- ---------------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete restrict,
  full_name text not null check (length(trim(full_name)) between 2 and 120),
  email text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'A person with an account (staff, guardian or student), one per auth user.';

alter table public.profiles enable row level security;
grant select on public.profiles to authenticated, service_role;
grant insert, update, delete on public.profiles to service_role;

-- ---------------------------------------------------------------------------------------------------
-- memberships
-- ---------------------------------------------------------------------------------------------------
create type public.app_role as enum (
  'principal', 'vice_principal', 'admin_board', 'dept_head', 'homeroom_teacher', 'subject_teacher',
  'nurse', 'clerk', 'it_staff', 'inspector', 'union_officer', 'district_officer', 'province_officer',
  'guardian', 'student'
);

create table public.memberships (
  id uuid primary key default extensions.gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete restrict,
  org_unit_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid references public.school_years (id) on delete restrict,
  role public.app_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Roles of a school are per school year; officers of a Phòng or Sở hold theirs across years.
  constraint memberships_year_check check ((role in ('district_officer', 'province_officer')) = (school_year_id is null))
);
comment on table public.memberships is
  'Vai trò: a person holds a role in an org unit for a school year. Rights on year Y come from memberships of year Y.';
create unique index memberships_unique_idx on public.memberships (profile_id, org_unit_id, role, coalesce(school_year_id, '00000000-0000-0000-0000-000000000000'));
create index memberships_org_unit_id_idx on public.memberships (org_unit_id);
create index memberships_school_year_id_idx on public.memberships (school_year_id);

alter table public.memberships enable row level security;
grant select on public.memberships to authenticated, service_role;
grant insert, update, delete on public.memberships to service_role;

-- ---------------------------------------------------------------------------------------------------
-- Helpers and policies. Helpers are security definer in `private` (not exposed by PostgREST), return
-- sets, and are called as `x in (select private.…())` so they run once per statement.
-- ---------------------------------------------------------------------------------------------------

-- The org units where the caller holds any role (any year). Cost: one index scan on memberships.
create function private.my_org_unit_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.org_unit_id from public.memberships m where m.profile_id = (select auth.uid())
$$;
revoke execute on function private.my_org_unit_ids() from public, anon;
grant execute on function private.my_org_unit_ids() to authenticated, service_role;

create policy profiles_select on public.profiles for select to authenticated
  using (id = (select auth.uid()));
comment on policy profiles_select on public.profiles is 'A person reads their own profile.';

create policy memberships_select on public.memberships for select to authenticated
  using (profile_id = (select auth.uid()));
comment on policy memberships_select on public.memberships is 'A person reads their own memberships.';

create policy school_years_select on public.school_years for select to authenticated
  using (school_id in (select private.my_org_unit_ids()));
comment on policy school_years_select on public.school_years is 'Members of a school read its school years.';

-- ---------------------------------------------------------------------------------------------------
-- current_user_context(): who is calling, for the admin layout and the status function.
-- Returns {user_id, email, full_name, memberships:[{org_unit_id, org_unit_name, org_unit_kind,
-- school_year, role}]}. Security invoker: it sees exactly what RLS lets the caller see. Any signed-in
-- user may call it. Cost: a few index lookups.
-- ---------------------------------------------------------------------------------------------------
create function public.current_user_context() returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'user_id', (select auth.uid()),
    'email', (select auth.email()),
    'full_name', (select p.full_name from public.profiles p where p.id = (select auth.uid())),
    'memberships', coalesce((
      select jsonb_agg(jsonb_build_object(
               'org_unit_id', o.id,
               'org_unit_name', o.name,
               'org_unit_kind', o.kind,
               'school_year', y.code,
               'role', m.role) order by o.name, y.code desc nulls first, m.role)
      from public.memberships m
      join public.org_units o on o.id = m.org_unit_id
      left join public.school_years y on y.id = m.school_year_id
      where m.profile_id = (select auth.uid())
    ), '[]'::jsonb)
  )
$$;
revoke execute on function public.current_user_context() from public, anon;
grant execute on function public.current_user_context() to authenticated, service_role;
