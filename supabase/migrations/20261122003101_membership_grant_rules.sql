-- Who may grant a role to whom (issue 11, finding 2). The insert policy of 20261122000700 asked only
-- whether the caller was the admin board of the row's school year, never whether the person belonged to
-- that school: the primary school's board gave a THPT clerk (or principal, or Phòng/Sở officer) a role
-- in its school, then reset that person's password as "one of its own" and signed in as them. And the
-- board granted `principal` to an account it had just created, becoming the approver of its own requests.
-- The rules now:
--   - the admin board of a school year grants, changes and removes roles of that school and year, except
--     BGH roles (principal, vice principal) and officer roles, never its own rows, and grants only to
--     people of its school: who hold any role there in any year, or whose account the school's board
--     created (account_events `create`, written by the staff-accounts function; 20261122003100);
--   - BGH roles are the level above's: a Phòng or Sở officer grants, changes and removes principal and
--     vice principal roles of the schools under its unit (THPT directly under the Sở: the Sở; a primary
--     school under a Phòng: that Phòng or the Sở), to people of those schools or created by their boards;
--   - officers read the BGH roles of the schools under them (who they appoint and whose password they
--     reset, 20261122003102).
-- The checks are boolean helpers called per row: memberships are written a handful of rows at a time,
-- and a set-returning form would have to list every person of the school (guardians and students too)
-- for each statement. Reads keep the set-returning, once-per-statement helpers.

-- Whether `p_profile` belongs to school `p_school`: a role there in any year, or an account the school's
-- board created. Any caller (private). Cost: two index lookups.
create function private.is_person_of_school(p_profile uuid, p_school uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return exists (select 1 from public.memberships m where m.profile_id = p_profile and m.org_unit_id = p_school)
      or exists (select 1 from public.account_events e where e.profile_id = p_profile and e.kind = 'create' and e.school_id = p_school);
end $$;

-- Whether the caller may hold the pen on a membership row (change or remove it; for a new row see
-- may_grant_membership): the admin board of its school year for school roles other than BGH, an
-- officer above the school for BGH roles; never officer roles, never the caller's own rows. Cost: the
-- caller's memberships (and, for BGH roles, the org tree above them).
create function private.may_manage_membership(p_profile uuid, p_unit uuid, p_year uuid, p_role public.app_role) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or p_profile = me or p_year is null or p_role in ('district_officer', 'province_officer') then
    return false;
  end if;
  if p_role = any (private.bgh_roles()) then
    return p_unit in (select private.my_officer_school_ids());
  end if;
  return p_year in (select private.my_year_ids('{admin_board}'));
end $$;

-- Whether the caller may give `p_profile` the role (a new row, or the new values of a changed one): as
-- may_manage_membership, and the person belongs to the school (for BGH roles: to a school under the
-- officer's unit, since a principal is often appointed from another school). Cost: a few index lookups.
create function private.may_grant_membership(p_profile uuid, p_unit uuid, p_year uuid, p_role public.app_role) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  if not private.may_manage_membership(p_profile, p_unit, p_year, p_role) then
    return false;
  end if;
  if p_role = any (private.bgh_roles()) then
    return exists (select 1 from public.memberships m
                   where m.profile_id = p_profile and m.org_unit_id in (select private.my_officer_school_ids()))
        or exists (select 1 from public.account_events e
                   where e.profile_id = p_profile and e.kind = 'create' and e.school_id in (select private.my_officer_school_ids()));
  end if;
  return private.is_person_of_school(p_profile, p_unit);
end $$;

revoke execute on function private.is_person_of_school(uuid, uuid), private.may_manage_membership(uuid, uuid, uuid, public.app_role),
  private.may_grant_membership(uuid, uuid, uuid, public.app_role) from public, anon;
grant execute on function private.is_person_of_school(uuid, uuid), private.may_manage_membership(uuid, uuid, uuid, public.app_role),
  private.may_grant_membership(uuid, uuid, uuid, public.app_role) to authenticated, service_role;

alter policy memberships_insert on public.memberships
  with check (private.may_grant_membership(profile_id, org_unit_id, school_year_id, role));
alter policy memberships_update on public.memberships
  using (private.may_manage_membership(profile_id, org_unit_id, school_year_id, role))
  with check (private.may_grant_membership(profile_id, org_unit_id, school_year_id, role));
alter policy memberships_delete on public.memberships
  using (private.may_manage_membership(profile_id, org_unit_id, school_year_id, role));
comment on policy memberships_insert on public.memberships is
  'The admin board grants roles of its school and year to people of its school (any role there, any year) or whose account it created; never BGH, officer roles or to itself. BGH roles are granted by a Phòng/Sở officer of a school under it.';
comment on policy memberships_update on public.memberships is
  'As insert, on both the old and the new row: the board changes non-BGH roles of its school and year, an officer above the school BGH roles; never one''s own.';
comment on policy memberships_delete on public.memberships is
  'The board removes non-BGH roles of its school and year, an officer above the school BGH roles; never one''s own.';

-- A refused grant says why in Vietnamese (an RLS with-check failure would answer "new row violates
-- row-level security policy"): this trigger runs before the policy's check, on rows a signed-in user
-- writes, and names the rule, never anything about the person beyond what the caller sent. The policy
-- stays the enforcement; provisioning (no user in the request) is not checked here.
create function private.explain_membership_refusal() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or private.may_grant_membership(new.profile_id, new.org_unit_id, new.school_year_id, new.role) then
    return new;
  end if;
  if new.role in ('district_officer', 'province_officer') then
    raise exception 'Vai trò cán bộ Phòng, Sở GD&ĐT không được gán ở đây.' using errcode = '42501';
  elsif new.profile_id = me then
    raise exception 'Bạn không thể tự gán hay sửa vai trò của chính mình.' using errcode = '42501';
  elsif new.role = any (private.bgh_roles()) then
    raise exception 'Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường bổ nhiệm, cho người của các trường trực thuộc.' using errcode = '42501';
  elsif new.school_year_id not in (select private.my_year_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường trong năm học này mới gán vai trò.' using errcode = '42501';
  else
    raise exception 'Ban quản trị chỉ gán vai trò cho người của trường: người đã có vai trò ở trường hoặc tài khoản do Ban quản trị của trường tạo.' using errcode = '42501';
  end if;
end $$;
revoke execute on function private.explain_membership_refusal() from public, anon, authenticated;
create trigger memberships_explain_refusal before insert or update on public.memberships
  for each row execute function private.explain_membership_refusal();

-- Officers read the BGH roles of the schools under them (once per statement, as before).
alter policy memberships_select on public.memberships
  using (profile_id = (select auth.uid())
         or org_unit_id in (select private.my_school_ids('{admin_board,principal,vice_principal}'))
         or (role in ('principal', 'vice_principal') and org_unit_id in (select private.my_officer_school_ids())));
comment on policy memberships_select on public.memberships is
  'A person reads their own roles; the admin board and BGH read the roles of their school; a Phòng/Sở officer the BGH roles of the schools under it.';
