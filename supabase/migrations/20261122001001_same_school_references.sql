-- Rows must not point across schools. The write policies check only the row's own school_id /
-- school_year_id, so before this migration the admin board of school A could (found by
-- tests/api/matrix.test.ts):
--   - add to A's year a class_subject or teaching assignment for a class of school B, which made B's
--     students visible to A's teacher (private.visible_student_ids joins assignments on class_id);
--   - enrol a student of school B in a class of A (B's student then visible to A's staff);
--   - file a guardian, full profile or exemption of its own student under school B's id, so the audit
--     entry (with the personal data) landed in B's chain, readable by B's admin board;
--   - put a member into a department of another school.
-- Composite foreign keys make each reference carry the school (or school year) it belongs to.
alter table public.students add constraint students_id_school_key unique (id, school_id);
alter table public.student_details add constraint student_details_student_school_fkey
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict;
alter table public.guardians add constraint guardians_student_school_fkey
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict;
alter table public.enrolments add constraint enrolments_student_school_fkey
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict;
alter table public.subject_exemptions add constraint subject_exemptions_student_school_fkey
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict;

alter table public.classes add constraint classes_id_year_key unique (id, school_year_id);
alter table public.class_subjects add constraint class_subjects_class_year_fkey
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict;
alter table public.teaching_assignments add constraint teaching_assignments_class_year_fkey
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict;
alter table public.enrolments add constraint enrolments_class_year_fkey
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict;

alter table public.departments add constraint departments_id_school_key unique (id, school_id);
alter table public.department_members add constraint department_members_department_school_fkey
  foreign key (department_id, school_id) references public.departments (id, school_id) on delete restrict;
