-- Who may reset whose password (issue 11, finding 2), decided in Postgres as the caller and recorded in
-- the same statement. The staff-accounts function used to ask only "does the person hold some role in
-- one of my schools?", so any board reset anyone it had just given a role (another school's clerk, its
-- own principal, a Phòng officer) and signed in as them. The rules now:
--   - the admin board of a school (current year) resets the password of an account whose every role, in
--     any year, is in that school, that holds at least one, and none of them BGH (principal, vice
--     principal) in any year — a past year's principal still holds that year's rights;
--   - BGH accounts are reset by the level above: a Phòng or Sở officer resets an account that holds a BGH
--     role and whose every role is in schools under the officer's unit (THPT Tân Đông, directly under the
--     Sở: the Sở officer; Tiểu học Tân Đông, under Phòng Tân Châu: the Phòng or the Sở officer);
--   - nobody resets their own password this way (they change it with the current one);
--   - nobody else resets anything (Phòng/Sở officers' own accounts are provisioning's).
-- rpc authorize_password_reset checks these and records the reset in account_events (audited) in one
-- go, AS THE CALLER; only then does the function set the password with the service role. Accounts with
-- roles in two schools (a teacher who moved) are reset by nobody here: they use the e-mailed recovery.

-- Where a reset of `p_profile` by the caller is recorded and in which capacity; no row when refused.
-- Cost: the target's memberships (a handful) and the caller's.
create function private.password_reset_scope(p_profile uuid)
returns table (school_id uuid, actor_role public.app_role)
language plpgsql stable security definer set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or p_profile is null or p_profile = me then
    return;
  end if;
  -- The admin board: every role of the person in its school, at least one, none BGH.
  return query
  select s.id, 'admin_board'::public.app_role
  from private.my_school_ids('{admin_board}') s (id)
  where exists (select 1 from public.memberships m where m.profile_id = p_profile and m.org_unit_id = s.id)
    and not exists (select 1 from public.memberships m
                    where m.profile_id = p_profile and (m.org_unit_id <> s.id or m.role = any (private.bgh_roles())))
  limit 1;
  if found then
    return;
  end if;
  -- The level above: a BGH account whose every role is in schools under the officer's unit; recorded
  -- under the school of the latest BGH role.
  return query
  select m.org_unit_id,
         (select o.role from public.memberships o
          where o.profile_id = me and o.role in ('district_officer', 'province_officer') order by o.role limit 1)
  from public.memberships m
  join public.school_years y on y.id = m.school_year_id
  where m.profile_id = p_profile and m.role = any (private.bgh_roles())
    and m.org_unit_id in (select private.my_officer_school_ids())
    and not exists (select 1 from public.memberships x
                    where x.profile_id = p_profile and x.org_unit_id not in (select private.my_officer_school_ids()))
  order by y.starts_on desc
  limit 1;
end $$;
revoke execute on function private.password_reset_scope(uuid) from public, anon;
grant execute on function private.password_reset_scope(uuid) to authenticated, service_role;

-- rpc/authorize_password_reset {p_profile_id}: checks that the caller may reset that account's password
-- and records the reset (account_events, audited, actor = the caller) in one statement; returns the
-- record's id. The staff-accounts function calls it with the caller's token and sets the password with
-- the service role only when it succeeds. Called directly it only records an authorisation by the
-- caller, who may as well have reset. Refusal: 42501 with one sentence for every refused target, so it
-- tells nothing about accounts the caller may not read. Cost: password_reset_scope and one insert.
create function public.authorize_password_reset(p_profile_id uuid) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  scope record;
  event_id uuid;
begin
  if p_profile_id is not distinct from (select auth.uid()) then
    raise exception 'Bạn không thể tự đặt lại mật khẩu của mình ở đây: hãy dùng chức năng Đổi mật khẩu.' using errcode = '42501';
  end if;
  select * into scope from private.password_reset_scope(p_profile_id);
  if not found then
    raise exception 'Bạn không có quyền đặt lại mật khẩu của tài khoản này. Ban quản trị chỉ đặt lại mật khẩu cho người có vai trò ở trường mình và không ở trường nào khác, trừ Ban giám hiệu; mật khẩu của Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường đặt lại.'
      using errcode = '42501';
  end if;
  insert into public.account_events (school_id, kind, profile_id, actor_id, actor_role)
  values (scope.school_id, 'reset_password', p_profile_id, (select auth.uid()), scope.actor_role)
  returning id into event_id;
  return event_id;
end $$;
revoke execute on function public.authorize_password_reset(uuid) from public, anon;
grant execute on function public.authorize_password_reset(uuid) to authenticated;

-- rpc/resettable_accounts {p_profile_ids}: which of these accounts the caller may reset (the same rule),
-- so the admin offers the button only where the server would accept. At most 500 ids a call. Cost:
-- password_reset_scope per id.
create function public.resettable_accounts(p_profile_ids uuid[]) returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  if coalesce(cardinality(p_profile_ids), 0) > 500 then
    raise exception 'Tối đa 500 tài khoản mỗi lần hỏi.' using errcode = '22023';
  end if;
  return query
  select distinct t.id from unnest(p_profile_ids) t (id)
  where exists (select 1 from private.password_reset_scope(t.id));
end $$;
revoke execute on function public.resettable_accounts(uuid[]) from public, anon;
grant execute on function public.resettable_accounts(uuid[]) to authenticated;
