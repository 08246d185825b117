-- Province scale (issue 13): the student list (Học sinh) stays flat as the province grows. Measured with
-- scripts/bench-scale.ts on the district preset, BGH's page 20 took 2.5 s (p50) as the user and 193 ms as
-- the service role with the same filter; the same question in SQL took 4 ms. The cause:
--
-- students.can_edit (a computed field of every row the list returns) asked
-- `s.id in (select private.editable_student_ids())`: the whole set of students the caller may edit
-- (a school's, for the admin board) was built again for every row computed — 400 rows on page 20
-- (the offset's rows are computed too), 7 ms each. It now asks two index probes of the row itself:
-- the caller's admin-board membership of the row's school in its current year, and a current
-- enrolment of the row's student in a class the caller is the GVCN of (the same rule as
-- editable_student_ids(), which stays for the write policies). PL/pgSQL, as the other helpers
-- (20261122001201): its plans are kept per connection instead of made again per statement.

-- The current school year of one school (the SQL rule of private.current_school_year_ids(): the latest
-- year that has started), found by the school's index instead of ranking every school's years. Today
-- is read once: in the WHERE clause app_today() ran for every year row scanned (50 µs a call).
create function private.current_school_year_id(school uuid) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  today constant date := public.app_today();
begin
  return (select y.id from public.school_years y
          where y.school_id = school and y.starts_on <= today
          order by y.starts_on desc limit 1);
end $$;
revoke execute on function private.current_school_year_id(uuid) from public, anon;
grant execute on function private.current_school_year_id(uuid) to authenticated, service_role;

-- Security definer: it answers only for the caller (auth.uid()) about the row it is given, and reads
-- the caller's own memberships and homeroom classes without paying their RLS again on every row.
create or replace function public.can_edit(s public.students) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  me constant uuid := auth.uid();
  year constant uuid := private.current_school_year_id(s.school_id);
begin
  if me is null or year is null then
    return false;
  end if;
  return exists (select 1 from public.memberships m
                 where m.profile_id = me and m.org_unit_id = s.school_id and m.role = 'admin_board'
                   and m.school_year_id = year)
      or exists (select 1 from public.enrolments e join public.classes c on c.id = e.class_id
                 where e.student_id = s.id and e.school_year_id = year and c.homeroom_teacher_id = me
                   and exists (select 1 from public.memberships m
                               where m.profile_id = me and m.role = 'homeroom_teacher'
                                 and m.school_year_id = c.school_year_id));
end $$;
