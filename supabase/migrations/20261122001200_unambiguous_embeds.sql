-- Two corrections found by the demo seed and the benchmark:
-- 1. The composite keys of 20261122001001 made PostgREST embeds ambiguous (PGRST201: two foreign keys
--    from enrolments to students, to classes…), which broke `enrolments?select=…,students(…)` in the
--    admin. The single-column keys are dropped where a composite key to the same table covers them.
--    (memberships keeps both keys to school_years; clients there name the key they embed through.)
-- 2. Periods per year go above 400 in primary school (Tiếng Việt grade 1: 420).
alter table public.student_details drop constraint student_details_student_id_fkey;
alter table public.guardians drop constraint guardians_student_id_fkey;
alter table public.enrolments drop constraint enrolments_student_id_fkey;
alter table public.enrolments drop constraint enrolments_class_id_fkey;
alter table public.subject_exemptions drop constraint subject_exemptions_student_id_fkey;
alter table public.class_subjects drop constraint class_subjects_class_id_fkey;
alter table public.teaching_assignments drop constraint teaching_assignments_class_id_fkey;
alter table public.department_members drop constraint department_members_department_id_fkey;

alter table public.class_subjects drop constraint class_subjects_periods_per_year_check;
alter table public.class_subjects add constraint class_subjects_periods_per_year_check check (periods_per_year between 1 and 500);
