-- Linking an account to a child's record is the admin board's act (issue 11, finding 6). Whoever is linked
-- to a guardian record (guardians.profile_id) or a student record (students.profile_id) reads that
-- child's record, full profile, guardians and published results. guardians had table-wide insert and
-- update grants, so the homeroom teacher (who edits guardians) set profile_id to any account — a parent
-- of another child read this one — or to themselves, and could move a linked record to another child
-- (student_id). students already kept profile_id out of the client's column grants; guardians now do the
-- same, and student_id and school_id are fixed once a guardian is recorded. Links are made and removed
-- through two RPCs for the admin board of the child's school (current year), written to the row and so
-- audited like every guardian or student change (actor: the board member).

revoke insert, update on public.guardians from authenticated;
grant insert (school_id, student_id, relationship, full_name, occupation, phone, email) on public.guardians to authenticated;
grant update (relationship, full_name, occupation, phone, email) on public.guardians to authenticated;

-- Refuses linking `p_profile` to a record of `p_school` (null = unlink, always allowed to the board): the
-- account must belong to the school (a role there in any year, or created by its board) and not be the
-- caller's own. Cost: two index lookups.
create function private.check_account_link(p_school uuid, p_profile uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$ begin
  if p_profile is null then
    return;
  end if;
  if p_profile = (select auth.uid()) then
    raise exception 'Bạn không thể liên kết tài khoản của chính mình với hồ sơ học sinh.' using errcode = '42501';
  end if;
  if not private.is_person_of_school(p_profile, p_school) then
    raise exception 'Chỉ liên kết được tài khoản của trường: tài khoản đã có vai trò ở trường hoặc do Ban quản trị của trường tạo.'
      using errcode = '42501';
  end if;
end $$;
revoke execute on function private.check_account_link(uuid, uuid) from public, anon;
grant execute on function private.check_account_link(uuid, uuid) to authenticated, service_role;

-- rpc/link_guardian_account {p_guardian_id, p_profile_id}: links the parent's account to the guardian
-- record (null unlinks); returns the guardian row. Only the admin board of the record's school (current
-- year); a record the caller may not manage is refused with the same sentence as one that does not exist.
-- Cost: a primary-key lookup and an update.
create function public.link_guardian_account(p_guardian_id uuid, p_profile_id uuid) returns public.guardians
language plpgsql volatile security definer set search_path = ''
as $$
declare
  g public.guardians;
begin
  select * into g from public.guardians where id = p_guardian_id;
  if not found or g.school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường mới liên kết tài khoản với phụ huynh, học sinh của trường.' using errcode = '42501';
  end if;
  perform private.check_account_link(g.school_id, p_profile_id);
  update public.guardians set profile_id = p_profile_id, updated_at = now() where id = p_guardian_id returning * into g;
  return g;
end $$;
revoke execute on function public.link_guardian_account(uuid, uuid) from public, anon;
grant execute on function public.link_guardian_account(uuid, uuid) to authenticated;

-- rpc/link_student_account {p_student_id, p_profile_id}: the student's own account (null unlinks); an
-- account links to one student at most. Returns {id, profile_id}. As link_guardian_account.
create function public.link_student_account(p_student_id uuid, p_profile_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  s public.students;
begin
  select * into s from public.students where id = p_student_id;
  if not found or s.school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường mới liên kết tài khoản với phụ huynh, học sinh của trường.' using errcode = '42501';
  end if;
  perform private.check_account_link(s.school_id, p_profile_id);
  if exists (select 1 from public.students o where o.profile_id = p_profile_id and o.id <> p_student_id) then
    raise exception 'Tài khoản này đã được liên kết với một học sinh khác.' using errcode = '23505';
  end if;
  update public.students set profile_id = p_profile_id, updated_at = now() where id = p_student_id returning * into s;
  return jsonb_build_object('id', s.id, 'profile_id', s.profile_id);
end $$;
revoke execute on function public.link_student_account(uuid, uuid) from public, anon;
grant execute on function public.link_student_account(uuid, uuid) to authenticated;
