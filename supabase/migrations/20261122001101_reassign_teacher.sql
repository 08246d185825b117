-- reassign_teacher(): giving a class's subject to another teacher must happen together or not at all:
-- end the active assignment with a reason and insert the new one. Security invoker: the caller's RLS
-- decides (admin board of that year), as if they wrote the rows themselves.

-- reassign_teacher(): returns the new assignment's id. Cost: two index lookups, one update, one insert.
create function public.reassign_teacher(p_class_id uuid, p_subject_id uuid, p_teacher_id uuid, p_reason text)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  v_class record;
  v_id uuid;
begin
  if p_reason is null or length(trim(p_reason)) < 3 then
    raise exception 'Cần ghi lý do thay đổi phân công (ít nhất 3 ký tự)' using errcode = '23514';
  end if;
  select c.school_id, c.school_year_id into v_class from public.classes c where c.id = p_class_id;
  if not found then raise exception 'Không tìm thấy lớp' using errcode = '42501'; end if;
  update public.teaching_assignments set ended_at = now(), end_reason = trim(p_reason), updated_at = now()
  where class_id = p_class_id and subject_id = p_subject_id and ended_at is null;
  insert into public.teaching_assignments (school_id, school_year_id, class_id, subject_id, teacher_id)
  values (v_class.school_id, v_class.school_year_id, p_class_id, p_subject_id, p_teacher_id);
  -- No RETURNING (the select policy sees the row only from the next statement on).
  select a.id into v_id from public.teaching_assignments a
  where a.class_id = p_class_id and a.subject_id = p_subject_id and a.ended_at is null and a.teacher_id = p_teacher_id;
  return v_id;
end
$$;
comment on function public.reassign_teacher(uuid, uuid, uuid, text) is
  'Phân công lại: ends the active assignment of a class × subject with a reason and assigns the new teacher, atomically, as the caller.';
revoke execute on function public.reassign_teacher(uuid, uuid, uuid, text) from public, anon;
grant execute on function public.reassign_teacher(uuid, uuid, uuid, text) to authenticated, service_role;
