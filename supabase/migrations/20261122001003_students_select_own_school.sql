-- Fix: the admin board could not add a student through the API the way the admin does it
-- (supabase-js `.insert(row).select()`, i.e. INSERT … RETURNING). RETURNING needs the new row to pass
-- the select policy, and students_select only asked private.visible_student_ids(), a stable function
-- that reads `students` with the statement's snapshot — in which the new row does not exist yet — so
-- every such insert failed with "new row violates row-level security policy" (found by
-- tests/api/matrix.test.ts). The school-wide roles are now checked on the row's own school_id (same
-- rule, and cheaper: no scan of the school's students); the helper still answers for teachers and
-- families.
drop policy students_select on public.students;
create policy students_select on public.students for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or id in (select private.visible_student_ids()));
comment on policy students_select on public.students is
  'School-wide roles read the school''s students; teachers the students of their classes; a family its own.';
