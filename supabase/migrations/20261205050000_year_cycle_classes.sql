-- Issue 20, item 2: the proposed classes of a year being prepared are editable — merge, split, rename, add.
-- Adding and renaming are the class screen's usual writes (the admin board, RLS). Two things were missing:
--
--   * Moving a student between classes of a year that is not open yet (splitting a class, merging two) is
--     not a class change: nothing happened in the first class, so the enrolment simply moves (its start —
--     promoted, repeating, new — and its placement stay). `change_class` does that for an unopened year and
--     still ends/opens enrolments ("class_change") in an open one. Security invoker as before: the caller's
--     RLS decides (the admin board of that year).
--   * `rpc/remove_proposed_class(class_id, merge_into)`: the admin board of the school removes a class of a
--     year not yet opened, with its class subjects and teaching assignments; given `merge_into` (another class
--     of the same year and grade), its students move there first (the enrolment moves, as above) — a merge in
--     one transaction. Refused with a sentence when the year is open (a class of an open year is a record,
--     kept), when students are still enrolled in it and no class to merge into is given (nothing is lost), or
--     when anything else already refers to it. Audited (the deletes of classes, class_subjects and
--     teaching_assignments are in the audit log).

create or replace function public.change_class(p_enrolment_id uuid, p_class_id uuid, p_on date, p_note text default null)
returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  v_e record;
begin
  select e.* into v_e from public.enrolments e where e.id = p_enrolment_id and e.ended_on is null;
  if not found then raise exception 'Không tìm thấy lần xếp lớp đang mở' using errcode = '42501'; end if;
  if v_e.class_id = p_class_id then raise exception 'Học sinh đã ở lớp này' using errcode = '23514'; end if;
  if v_e.school_year_id in (select private.unopened_year_ids()) then
    -- A year being prepared: the enrolment moves (the date and note of a class change do not apply).
    update public.enrolments set class_id = p_class_id, updated_at = now() where id = p_enrolment_id;
    if not found then raise exception 'Bạn không có quyền chuyển lớp học sinh này' using errcode = '42501'; end if;
    return;
  end if;
  update public.enrolments set ended_on = p_on, end_reason = 'class_change', end_note = nullif(trim(coalesce(p_note, '')), ''), updated_at = now()
  where id = p_enrolment_id;
  if not found then raise exception 'Bạn không có quyền chuyển lớp học sinh này' using errcode = '42501'; end if;
  insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on, start_reason)
  values (v_e.school_id, v_e.school_year_id, v_e.student_id, p_class_id, p_on, 'class_change');
end
$$;
comment on function public.change_class(uuid, uuid, date, text) is
  'Chuyển lớp: ends the enrolment (class_change) and opens one in the new class of the same year, atomically, as the caller; in a year not yet opened the enrolment moves.';

create function public.remove_proposed_class(p_class_id uuid, p_merge_into uuid default null) returns text
language plpgsql security definer set search_path = ''
as $$
declare
  k public.classes;
  into_class public.classes;
  y public.school_years;
  n int;
begin
  select * into k from public.classes where id = p_class_id;
  if not found or k.school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Không tìm thấy lớp hoặc bạn không có quyền với lớp này' using errcode = '42501';
  end if;
  select * into y from public.school_years where id = k.school_year_id;
  if y.opened_at is not null then
    raise exception 'Lớp % thuộc năm học % đã mở: lớp của năm học đã mở được lưu giữ, không xoá được.', k.name, y.code using errcode = '55000';
  end if;
  if p_merge_into is not null then
    select * into into_class from public.classes where id = p_merge_into and school_year_id = k.school_year_id and id <> k.id;
    if not found or into_class.grade <> k.grade then
      raise exception 'Chỉ gộp lớp % vào một lớp khác cùng khối % của năm học %.', k.name, k.grade, y.code using errcode = '22023';
    end if;
    update public.enrolments set class_id = into_class.id, updated_at = now() where class_id = k.id;
  end if;
  select count(*) into n from public.enrolments where class_id = k.id;
  if n > 0 then
    raise exception 'Lớp % còn % học sinh: hãy chuyển các em sang lớp khác trước khi xoá lớp.', k.name, n using errcode = '55000';
  end if;
  begin
    delete from public.teaching_assignments where class_id = k.id;
    delete from public.class_subjects where class_id = k.id;
    delete from public.classes where id = k.id;
  exception when foreign_key_violation then
    raise exception 'Lớp % đã có dữ liệu khác gắn với lớp (hạn nộp, khoá sổ…) nên không xoá được.', k.name using errcode = '55000';
  end;
  return k.name;
end $$;
revoke execute on function public.remove_proposed_class(uuid, uuid) from public, anon;
grant execute on function public.remove_proposed_class(uuid, uuid) to authenticated;
comment on function public.remove_proposed_class(uuid, uuid) is
  'The admin board removes a class of a school year not yet opened with its class subjects and teaching assignments, its students first moved into p_merge_into (same year and grade) if given; returns its name.';
