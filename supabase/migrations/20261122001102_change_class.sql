-- change_class(): moving a student to another class of the same year must happen together or not at
-- all: end the enrolment with 'class_change' and open the new one. Security invoker: the caller's RLS
-- decides (admin board of that year), as if they wrote the rows themselves.

-- change_class(): ends an open enrolment on a date with 'class_change' and opens one in another class of
-- the same school year from that date. Cost: a few index lookups, one update, one insert.
create function public.change_class(p_enrolment_id uuid, p_class_id uuid, p_on date, p_note text default null)
returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  v_e record;
begin
  select e.* into v_e from public.enrolments e where e.id = p_enrolment_id and e.ended_on is null;
  if not found then raise exception 'Không tìm thấy lần xếp lớp đang mở' using errcode = '42501'; end if;
  if v_e.class_id = p_class_id then raise exception 'Học sinh đã ở lớp này' using errcode = '23514'; end if;
  update public.enrolments set ended_on = p_on, end_reason = 'class_change', end_note = nullif(trim(coalesce(p_note, '')), ''), updated_at = now()
  where id = p_enrolment_id;
  if not found then raise exception 'Bạn không có quyền chuyển lớp học sinh này' using errcode = '42501'; end if;
  insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on, start_reason)
  values (v_e.school_id, v_e.school_year_id, v_e.student_id, p_class_id, p_on, 'class_change');
end
$$;
comment on function public.change_class(uuid, uuid, date, text) is
  'Chuyển lớp: ends the enrolment (class_change) and opens one in the new class of the same year, atomically, as the caller.';
revoke execute on function public.change_class(uuid, uuid, date, text) from public, anon;
grant execute on function public.change_class(uuid, uuid, date, text) to authenticated, service_role;
