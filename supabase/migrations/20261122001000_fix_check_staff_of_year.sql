-- Fix: private.check_staff_of_year() (20261122000500) read `new.teacher_id` inside a CASE even when the
-- trigger fired on `classes`, which has no such column. PL/pgSQL resolves every field reference of an
-- expression before evaluating it, so every insert of a class (and every change of its homeroom
-- teacher) failed with "record new has no field teacher_id". The person column is now read by name
-- from the row as jsonb, so one function still serves both tables. Same rule, same message.
create or replace function private.check_staff_of_year() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  person uuid := (to_jsonb(new) ->> case tg_table_name when 'classes' then 'homeroom_teacher_id' else 'teacher_id' end)::uuid;
begin
  if person is not null and not exists (
    select 1 from public.memberships m
    where m.profile_id = person and m.school_year_id = new.school_year_id
      and m.role in ('homeroom_teacher', 'subject_teacher', 'dept_head', 'principal', 'vice_principal')
  ) then
    raise exception 'Giáo viên này không thuộc danh sách giáo viên của trường trong năm học này'
      using errcode = '23514';
  end if;
  return new;
end
$$;
revoke execute on function private.check_staff_of_year() from public, anon, authenticated;
