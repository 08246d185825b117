-- Separation of duties and ended years in role grants (issue 11, finding 2, security review of
-- 20261122003101). Two holes, both shown over HTTP:
--   - bqt@thpt-tandong granted `admin_board` for 2025–2026 to hieutruong@, who then both decided an unlock
--     (as principal) and posted the unlock event (as the board): the witnessed correction procedure has
--     the principal decide and the board carry out, so nobody may hold a BGH role (principal, vice
--     principal) and admin_board in the same school year. The board is refused granting admin_board to
--     someone who holds BGH that year, the officer refused appointing BGH someone on that year's board.
--   - so@tayninh granted vice_principal for 2025–2026 (ended) to gv.toan@, which gave him the right to
--     decide unlocks of that locked year. Rights on a year's rows come from that year's memberships, so a
--     grant into an ended year (ends_on < app_today()) rewrites who may reopen history: refused for every
--     signed-in caller, insert or update (the with-check of both policies is may_grant_membership).
--     Removing a past year's role stays as it was (may_manage_membership). Provisioning (superuser,
--     service role: no user in the request) is not subject to the policies and is unchanged.
-- Same signatures and grants; the policies of 20261122003101 call these functions and need no change.

-- Whether school year `p_year` has ended (by the app's date, which the demo and tests pin). Cost: one
-- primary-key lookup.
create function private.school_year_ended(p_year uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return exists (select 1 from public.school_years y where y.id = p_year and y.ends_on < public.app_today());
end $$;

-- Whether giving `p_profile` role `p_role` in year `p_year` would make them BGH and admin board of the
-- same school year. Cost: an index scan of the person's memberships (a handful).
create function private.breaks_separation_of_duties(p_profile uuid, p_year uuid, p_role public.app_role) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  if p_role = 'admin_board' then
    return exists (select 1 from public.memberships m
                   where m.profile_id = p_profile and m.school_year_id = p_year and m.role = any (private.bgh_roles()));
  elsif p_role = any (private.bgh_roles()) then
    return exists (select 1 from public.memberships m
                   where m.profile_id = p_profile and m.school_year_id = p_year and m.role = 'admin_board');
  end if;
  return false;
end $$;

revoke execute on function private.school_year_ended(uuid), private.breaks_separation_of_duties(uuid, uuid, public.app_role) from public, anon;
grant execute on function private.school_year_ended(uuid), private.breaks_separation_of_duties(uuid, uuid, public.app_role) to authenticated, service_role;

-- As 20261122003101, plus: not into an ended year, and not BGH and admin board in one year.
create or replace function private.may_grant_membership(p_profile uuid, p_unit uuid, p_year uuid, p_role public.app_role) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  if not private.may_manage_membership(p_profile, p_unit, p_year, p_role)
     or private.school_year_ended(p_year)
     or private.breaks_separation_of_duties(p_profile, p_year, p_role) then
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

-- As 20261122003101, with the two new rules named. The order keeps each sentence to what the caller
-- may know: the ended year is public (school years are read by the school), the separation of duties is
-- said only to a caller who may otherwise manage that school and year's role (the board reads its
-- school's roles; the officer appoints its BGH).
create or replace function private.explain_membership_refusal() returns trigger
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
  elsif private.school_year_ended(new.school_year_id) then
    raise exception 'Năm học này đã kết thúc: không gán hay sửa vai trò của năm học đã qua.' using errcode = '42501';
  elsif not private.may_manage_membership(new.profile_id, new.org_unit_id, new.school_year_id, new.role) then
    if new.role = any (private.bgh_roles()) then
      raise exception 'Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường bổ nhiệm, cho người của các trường trực thuộc.' using errcode = '42501';
    end if;
    raise exception 'Chỉ Ban quản trị của trường trong năm học này mới gán vai trò.' using errcode = '42501';
  elsif private.breaks_separation_of_duties(new.profile_id, new.school_year_id, new.role) then
    raise exception 'Một người không thể vừa thuộc Ban giám hiệu vừa thuộc Ban quản trị của trường trong cùng một năm học.' using errcode = '42501';
  elsif new.role = any (private.bgh_roles()) then
    raise exception 'Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường bổ nhiệm, cho người của các trường trực thuộc.' using errcode = '42501';
  else
    raise exception 'Ban quản trị chỉ gán vai trò cho người của trường: người đã có vai trò ở trường hoặc tài khoản do Ban quản trị của trường tạo.' using errcode = '42501';
  end if;
end $$;

comment on policy memberships_insert on public.memberships is
  'The admin board grants roles of its school and year to people of its school (any role there, any year) or whose account it created; never BGH, officer roles or to itself. BGH roles are granted by a Phòng/Sở officer of a school under it. Never into an ended school year; nobody is BGH and admin board in the same school year.';
comment on policy memberships_update on public.memberships is
  'As insert, on both the old and the new row: the board changes non-BGH roles of its school and year, an officer above the school BGH roles; never one''s own; never into an ended year or BGH and admin board in one year.';
