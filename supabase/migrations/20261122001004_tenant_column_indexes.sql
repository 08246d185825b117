-- Indexes on the tenant columns that had none (found by tests/db/policy-lint.test.ts). Every
-- school-owned table is filtered by school_id — in policies, in the audit trigger's grouping, in the
-- admin's per-school lists and in school_summaries — and audit_log by its chain's school year. The
-- house rule is an index on every column a policy or a hot query filters on.
create index if not exists class_subjects_school_idx on public.class_subjects (school_id);
create index if not exists department_members_school_idx on public.department_members (school_id);
create index if not exists enrolments_school_idx on public.enrolments (school_id);
create index if not exists guardians_school_idx on public.guardians (school_id);
create index if not exists memberships_school_idx on public.memberships (school_id);
create index if not exists subject_exemptions_school_idx on public.subject_exemptions (school_id);
create index if not exists teaching_assignments_school_idx on public.teaching_assignments (school_id);
create index if not exists audit_log_year_idx on public.audit_log (school_year_id);
