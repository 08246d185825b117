-- private.taught_class_subjects() built the caller's year list once per row of its department arm
-- (issue 13). The function is the (class, subject) arm of the read policies of score_entries, students,
-- enrolments, the result views and more, so it runs in almost every statement a teacher sends, often
-- twice. Its second arm — the assignments of a department head's department — was written
-- `head.school_year_id in (select private.my_year_ids('{dept_head}'))`; Postgres turned that into a semi
-- join evaluated above the joins, calling the set-returning my_year_ids once per assignment found (54
-- calls for a head of a 9-teacher department on the district preset): 2.2 ms per call of
-- taught_class_subjects, of a class summary's 20. Each year list is now computed once, into an array,
-- before the queries (0.25 ms). Same rows as before: tests/db/taught_class_subjects.test.ts compares
-- them, for every demo account, with the two arms written out in plain SQL.
create or replace function private.taught_class_subjects() returns table (class_id uuid, subject_id uuid)
language plpgsql stable security definer set search_path = '' rows 20
as $$
declare
  me constant uuid := (select auth.uid());
  teaching_years constant uuid[] := array(select private.my_year_ids('{subject_teacher,homeroom_teacher,dept_head,principal,vice_principal}'));
  head_years constant uuid[] := array(select private.my_year_ids('{dept_head}'));
begin
  return query
  select a.class_id, a.subject_id from public.teaching_assignments a
  where a.teacher_id = me and a.ended_at is null and a.school_year_id = any (teaching_years)
  union
  select a.class_id, a.subject_id
  from public.department_members head
  join public.department_members m on m.department_id = head.department_id and m.school_year_id = head.school_year_id
  join public.teaching_assignments a on a.teacher_id = m.profile_id and a.school_year_id = m.school_year_id
  where head.profile_id = me and head.is_head and head.school_year_id = any (head_years) and a.ended_at is null;
end $$;
