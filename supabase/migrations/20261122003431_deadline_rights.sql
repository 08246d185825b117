-- What the caller may change on the Thời hạn và lịch kiểm tra screen, answered by the database (issue
-- 12): the screen guessed it from the memberships it holds in TypeScript (admin board → deadlines; admin
-- board or BGH → test dates), a second copy of the policies school_deadlines_insert/update and
-- assessment_periods_insert/update/delete. rpc/deadline_rights evaluates those policies' predicates for
-- the year's school and the year, so the save buttons show exactly when the write would be accepted.

-- For a school year: whether the caller may set its school's deadlines (the admin board of the
-- school) and its test dates (the admin board and BGH of that year). Any signed-in user may ask; the
-- answer for a year that is not theirs (or unknown) is two falses. Cost: two helper scans.
create function public.deadline_rights(p_school_year_id uuid)
returns table (deadlines boolean, test_dates boolean)
language sql stable security definer set search_path = ''
as $$
  select coalesce((select y.school_id in (select private.my_school_ids('{admin_board}'))
                   from public.school_years y where y.id = p_school_year_id), false),
         p_school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal}'))
$$;
revoke execute on function public.deadline_rights(uuid) from public, anon;
grant execute on function public.deadline_rights(uuid) to authenticated, service_role;
comment on function public.deadline_rights(uuid) is
  'Người gọi có được đặt thời hạn cập nhật của trường (Ban quản trị) và lịch kiểm tra định kì của năm học (Ban quản trị, Ban giám hiệu) hay không: cùng điều kiện với các chính sách ghi của school_deadlines và assessment_periods.';
