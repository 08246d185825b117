-- The admin board and BGH read the profiles of the accounts their school's board created (account_events
-- `create`), not only of people holding a role there. Since 20261122003101 such an account may be given
-- roles by that board alone; without this the board could not see, in the admin's lists, an account it
-- created whose first grant failed or was left for later. The body is 20261122000700's plus that branch.
-- Cost: as before, plus an index scan of the school's account records.
create or replace function private.visible_profile_ids() returns setof uuid
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
  union
  select e.profile_id from public.account_events e
  where e.kind = 'create' and e.school_id in (select private.my_school_ids('{admin_board,principal,vice_principal}'))
$$;
