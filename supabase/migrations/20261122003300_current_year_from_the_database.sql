-- The admin picked "the current school year" with the browser's clock (dayjs() in useSchoolYear) and the
-- caller's "current memberships" as the latest year code, including years not yet started. Both moved
-- with the real calendar while the database's answer (private.current_school_year_ids(): the latest
-- year that has started by public.app_today(), which the demo and tests pin) did not. The database now
-- says which year is current, in the two places the admin reads years from, so there is one answer.

-- school_years.is_current: a computed field (PostgREST: `select=*,is_current`). Same rule as every
-- policy: the school's latest year that has started by app_today(). Any caller who reads the row.
-- Cost: one scan of school_years per call (a few rows per school).
create function public.is_current(y public.school_years) returns boolean
language sql stable set search_path = ''
as $$ select y.id in (select private.current_school_year_ids()) $$;
comment on function public.is_current(public.school_years) is
  'Năm học hiện tại: the school''s latest year that has started by app_today() (pinned in the demo and tests).';
revoke execute on function public.is_current(public.school_years) from public, anon;
grant execute on function public.is_current(public.school_years) to authenticated, service_role;

-- current_user_context(): as before, plus `current` on each membership (its year is the school's
-- current one, or it has no year: officers of a Phòng or Sở) and `today` (the app's date).
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
    ), '[]'::jsonb)
  )
$$;
