-- Issue 20, item 4: a role carried to a year being prepared is ended by the admin board removing it. A teacher's
-- role there comes with the teaching assignments and the homeroom class carried from last year's pattern; ending
-- the role alone would leave those with a person who is no longer on the year's staff (the staff check runs when
-- an assignment is written, not when a role goes). So in a year not yet opened, removing a subject teacher's role
-- while they hold an active assignment of that year, or a homeroom teacher's while they are the GVCN of one of its
-- classes, is refused with a sentence saying what to reassign first; nothing is removed. (Open years keep their
-- existing rules: a role there is rarely removed, and ended assignments are history.)

create function private.carried_role_keeps_its_work() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  n int;
  class_names text;
begin
  if old.role not in ('subject_teacher', 'homeroom_teacher') or old.school_year_id is null
     or old.school_year_id not in (select private.unopened_year_ids()) then
    return old;
  end if;
  if old.role = 'subject_teacher' then
    select count(*) into n from public.teaching_assignments a
    where a.school_year_id = old.school_year_id and a.teacher_id = old.profile_id and a.ended_at is null;
    if n > 0 then
      raise exception '% còn % phân công giảng dạy trong năm học này: hãy phân công lại trước khi bỏ vai trò giáo viên bộ môn.',
        (select p.full_name from public.profiles p where p.id = old.profile_id), n
        using errcode = '23503';
    end if;
  else
    select string_agg(c.name, ', ' order by c.name) into class_names from public.classes c
    where c.school_year_id = old.school_year_id and c.homeroom_teacher_id = old.profile_id;
    if class_names is not null then
      raise exception 'Đây là giáo viên chủ nhiệm lớp % trong năm học này: hãy chọn giáo viên chủ nhiệm khác trước khi bỏ vai trò.', class_names
        using errcode = '23503';
    end if;
  end if;
  return old;
end $$;
revoke execute on function private.carried_role_keeps_its_work() from public;
create trigger memberships_carried_role_keeps_its_work before delete on public.memberships
  for each row execute function private.carried_role_keeps_its_work();
