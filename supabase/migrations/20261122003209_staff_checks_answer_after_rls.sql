-- The "is this person staff of that year" triggers answered before RLS (issue 11, finding 7, found
-- again in review). check_staff_of_year (classes.homeroom_teacher_id, teaching_assignments.teacher_id)
-- and check_inspection (inspections.teacher_id) run BEFORE the row policy, so as phuhuynh@ a POST
-- /rest/v1/classes into the primary school's 2026–2027 with a homeroom_teacher_id answered "Giáo viên
-- này không thuộc danh sách…" for one person and the RLS refusal for a teacher of that school: an
-- oracle of who teaches where. Now a caller who is not staff of the row's school year gets exactly the
-- refusal RLS gives (42501 'new row violates row-level security policy for table "…"') before the
-- check; staff of the year (who read its memberships) still learn why. The service role and the owner
-- (no JWT role 'authenticated') are checked as before.

-- The refusal RLS gives, for an authenticated caller who is not staff of the school year. Cost: the
-- my_year_ids index scan.
create function private.refuse_unless_staff_of_year(p_school_year_id uuid, p_table text) returns void
language plpgsql stable security definer set search_path = ''
as $$ begin
  if coalesce((select auth.role()), '') = 'authenticated'
     and p_school_year_id not in (select private.my_year_ids(private.school_staff_roles())) then
    raise exception 'new row violates row-level security policy for table "%"', p_table using errcode = '42501';
  end if;
end $$;
revoke execute on function private.refuse_unless_staff_of_year(uuid, text) from public, anon, authenticated;

create or replace function private.check_staff_of_year() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  person uuid := (to_jsonb(new) ->> case tg_table_name when 'classes' then 'homeroom_teacher_id' else 'teacher_id' end)::uuid;
begin
  if person is not null then
    perform private.refuse_unless_staff_of_year(new.school_year_id, tg_table_name);
  end if;
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

create or replace function private.check_inspection() returns trigger
language plpgsql security definer set search_path = ''
as $$ begin
  if tg_op <> 'INSERT' then
    raise exception 'Biên bản kiểm tra là hồ sơ: không được sửa hay xoá' using errcode = '42501';
  end if;
  perform private.refuse_unless_staff_of_year(new.school_year_id, tg_table_name);
  if not exists (select 1 from public.memberships m where m.profile_id = new.teacher_id and m.school_year_id = new.school_year_id
                 and m.role = any (private.school_staff_roles())) then
    raise exception 'Người được kiểm tra không thuộc trường trong năm học này' using errcode = '22023';
  end if;
  return new;
end $$;
