-- Province scale (issue 13): a homeroom teacher's reads of their own class (Xếp lớp; rpc/class_summary)
-- paid for the whole set of students they teach in every statement. The read policies of students,
-- enrolments and subject_exemptions ask `x in (select private.taught_student_ids())`: the students of
-- the caller's homeroom class, of every class they or (as Tổ trưởng) their department teach, their
-- children and themselves. Postgres builds that set as a hash table once per statement and per policy
-- reference: 1,439 students for a department head of the benchmark, 10 ms, three to four times for a
-- class summary (its students, their enrolments, the result views' enrolments).
--
-- Each policy now asks first whether the row is one of the caller's homeroom students
-- (private.homeroom_student_ids(): the enrolments of their homeroom class, ≈ 40 rows, by index). That
-- set is part of taught_student_ids(), so who reads what does not change. Postgres evaluates the arms
-- of an OR left to right and builds a hashed subplan only when it first evaluates it: for a read of
-- the caller's homeroom class every row is accepted by the small set and the large one is never built.

alter policy students_select on public.students
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or id in (select private.homeroom_student_ids())
         or id in (select private.taught_student_ids()));
alter policy enrolments_select on public.enrolments
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or student_id in (select private.homeroom_student_ids())
         or student_id in (select private.taught_student_ids()));
alter policy subject_exemptions_select on public.subject_exemptions
  using (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
         or student_id in (select private.homeroom_student_ids())
         or student_id in (select private.taught_student_ids()));
