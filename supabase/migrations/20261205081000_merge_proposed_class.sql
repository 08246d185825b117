-- Issue 20, item 2: merging two proposed classes in one step. rpc/remove_proposed_class (20261205050000) removed
-- a class left empty, so a merge of two classes of 40 meant 40 moves first. It now takes the class to merge into:
-- every student of the removed class moves there (a year not opened: the enrolment moves, as change_class does
-- there), then the class goes with its class subjects and teaching assignments — one transaction. The class
-- merged into must be another class of the same year and grade. Without it, a class holding students is still
-- refused with the sentence.

drop function public.remove_proposed_class(uuid);

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
