-- The unique keys told a teacher whether a student they cannot read had a row (issue 11, finding 7,
-- found again in review). As gvcn.10a1@, POST /rest/v1/attendance with their own 2025–2026 10A1 and a
-- student of another class answered 409 23505 attendance_student_id_on_date_key on a date that student
-- was absent and 400 "Học sinh không có trong lớp 10A1" on any other date; conduct_ratings the same.
-- The student check ran in an AFTER statement trigger (check_class_rows), after the unique index (whose
-- keys leave out the class). Now a BEFORE row trigger on every table with that check (subject_comments,
-- conduct_ratings, attendance, quality_ratings, student_measures) refuses a student not enrolled in the
-- row's class before the row reaches the unique index: the same sentence whether or not a row exists.
-- It names the class only to a caller who may write it (the insert/update policy's predicate: the
-- class's teacher of that subject and semester, or its GVCN; the service role and the owner, who
-- bypass RLS); anyone else gets the policy's refusal, as before, so a class id of another school names
-- nothing. check_class_rows stays as the statement-level backstop.

-- Refuses a row whose student is not enrolled in its class (22023), for a caller who may write the
-- class. Cost: one index probe on enrolments (student_id, class_id) per row; the policy predicate only
-- on the refusal path.
create function private.check_student_in_class() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  writes boolean;
begin
  if exists (select 1 from public.enrolments e where e.student_id = new.student_id and e.class_id = new.class_id) then
    return new;
  end if;
  -- (Separate branches: only subject_comments has a subject_id, and plpgsql resolves new.<field> when
  -- the statement runs.)
  if coalesce((select auth.role()), '') <> 'authenticated' then
    writes := true;
  elsif tg_table_name = 'subject_comments' then
    writes := private.teaches(new.class_id, new.subject_id, new.semester);
  else
    writes := new.class_id in (select private.homeroom_class_ids());
  end if;
  if writes then
    raise exception 'Học sinh không có trong lớp %', (select c.name from public.classes c where c.id = new.class_id)
      using errcode = '22023';
  end if;
  -- Not a writer of the class: the row policy refuses it (before any unique index).
  return new;
end $$;
revoke execute on function private.check_student_in_class() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['subject_comments', 'conduct_ratings', 'attendance', 'quality_ratings', 'student_measures'] loop
    execute format('create trigger %1$s_student_in_class before insert or update of student_id, class_id on public.%1$s
                    for each row execute function private.check_student_in_class()', t);
  end loop;
end $$;
