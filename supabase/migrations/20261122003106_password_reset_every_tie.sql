-- Password resets count every tie of an account (issue 11, finding 2, security review of
-- 20261122003102). Two holes, both from rules that looked at too little:
--   - A Phòng officer manufactured the BGH role it then reset by: phong@tanchau appointed gvcn.3a@ (or
--     bqt@th-tandong) vice principal, reset the password as "a BGH account of a school under it",
--     removed the role and signed in as the teacher. The officer's rule asked only "holds a BGH role,
--     every role in schools under me". An officer now resets only accounts whose EVERY role, in any year
--     and any school, is a BGH role (principal, vice principal) in schools under it, linked to no child's
--     record. A teacher or board member appointed BGH is reset by nobody: they recover a forgotten
--     password by e-mail (Supabase Auth's recovery link), as does anyone with roles in two schools.
--     The board's rule needed no such change: what the board can add (roles of its school and year, to
--     people of its school; links of its school's records) never makes an account with a tie elsewhere
--     or a BGH role resettable, and it cannot remove other schools' roles or BGH roles.
--   - The rules counted memberships only. Whoever is linked to a guardian record (guardians.profile_id)
--     or a student record (students.profile_id) reads that child's record: an account with roles only
--     at the primary school but linked to a THPT child was "every role in its school" to the primary
--     school's board, which could reset it and read the THPT child. A link now counts as a tie to the
--     linked record's school (as a guardian or student role there) for boards and officers.
-- Same signatures and grants; authorize_password_reset and resettable_accounts call password_reset_scope.

-- Every tie of an account to a school: its roles (any year) and its links to guardian and student
-- records, a link counting as that role at the record's school. Cost: three index lookups
-- (memberships_profile_idx, guardians_profile_idx, students' unique profile_id).
create function private.account_ties(p_profile uuid) returns table (org_unit_id uuid, role public.app_role)
language plpgsql stable security definer set search_path = ''
as $$ begin
  return query
  select m.org_unit_id, m.role from public.memberships m where m.profile_id = p_profile
  union all
  select g.school_id, 'guardian'::public.app_role from public.guardians g where g.profile_id = p_profile
  union all
  select s.school_id, 'student'::public.app_role from public.students s where s.profile_id = p_profile;
end $$;
alter function private.account_ties(uuid) rows 5;
revoke execute on function private.account_ties(uuid) from public, anon;
grant execute on function private.account_ties(uuid) to authenticated, service_role;

-- Where a reset of `p_profile` by the caller is recorded and in which capacity; no row when refused.
-- The board: every tie in its school, at least one, none BGH. The level above: every tie a BGH role in
-- a school under the officer's unit (recorded under the school of the latest one). Cost: the target's
-- ties (a handful) and the caller's memberships.
create or replace function private.password_reset_scope(p_profile uuid)
returns table (school_id uuid, actor_role public.app_role)
language plpgsql stable security definer set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or p_profile is null or p_profile = me then
    return;
  end if;
  return query
  select s.id, 'admin_board'::public.app_role
  from private.my_school_ids('{admin_board}') s (id)
  where exists (select 1 from private.account_ties(p_profile) t where t.org_unit_id = s.id)
    and not exists (select 1 from private.account_ties(p_profile) t
                    where t.org_unit_id <> s.id or t.role = any (private.bgh_roles()))
  limit 1;
  if found then
    return;
  end if;
  return query
  select m.org_unit_id,
         (select o.role from public.memberships o
          where o.profile_id = me and o.role in ('district_officer', 'province_officer') order by o.role limit 1)
  from public.memberships m
  join public.school_years y on y.id = m.school_year_id
  where m.profile_id = p_profile and m.role = any (private.bgh_roles())
    and m.org_unit_id in (select private.my_officer_school_ids())
    and not exists (select 1 from private.account_ties(p_profile) t
                    where not (t.role = any (private.bgh_roles()))
                       or t.org_unit_id not in (select private.my_officer_school_ids()))
  order by y.starts_on desc
  limit 1;
end $$;

-- As 20261122003102, with the refusal saying the rule as it now is and where to go instead.
create or replace function public.authorize_password_reset(p_profile_id uuid) returns uuid
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
    raise exception 'Bạn không có quyền đặt lại mật khẩu của tài khoản này. Ban quản trị chỉ đặt lại mật khẩu cho người chỉ gắn với trường mình (vai trò, liên kết phụ huynh, học sinh) và không thuộc Ban giám hiệu; Phòng hoặc Sở GD&ĐT quản lý trường đặt lại mật khẩu cho người chỉ giữ vai trò Hiệu trưởng, Phó hiệu trưởng. Các tài khoản khác tự khôi phục mật khẩu qua email (Quên mật khẩu).'
      using errcode = '42501';
  end if;
  insert into public.account_events (school_id, kind, profile_id, actor_id, actor_role)
  values (scope.school_id, 'reset_password', p_profile_id, (select auth.uid()), scope.actor_role)
  returning id into event_id;
  return event_id;
end $$;
