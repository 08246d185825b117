-- Province scale (issue 13): almost every read policy asks for the caller's schools this year,
-- private.my_school_ids(roles), which kept the caller's memberships whose year is in
-- private.current_school_year_ids(): the current year of every school of the project. On the province
-- preset that set costs 2 ms (800 school years, and public.app_today() called for each of them), paid
-- by every statement that reads a school's rows, once per policy that asks — twice on a student list.
--
-- * my_school_ids asks for the current year of each membership's own school
--   (private.current_school_year_id(school), one index probe per membership: 20261203000100) instead of
--   every school's — flat in the number of schools.
-- * current_school_year_ids, still used where a set of every school's years is what is meant, reads
--   today once instead of once per school year.
-- Who reads what does not change: a school's current year is the same rule in both functions (the
-- latest year that has started).

create or replace function private.my_school_ids(roles public.app_role[])
returns setof uuid
language plpgsql stable security definer rows 2 set search_path = ''
as $$ begin
  return query
  select m.org_unit_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role = any (roles)
    and m.school_year_id = private.current_school_year_id(m.org_unit_id);
end $$;

create or replace function private.current_school_year_ids()
returns setof uuid
language plpgsql stable security definer rows 10 set search_path = ''
as $$
declare
  today constant date := public.app_today();
begin
  return query
  select distinct on (y.school_id) y.id
  from public.school_years y
  where y.starts_on <= today
  order by y.school_id, y.starts_on desc;
end $$;
