-- The structure of a school year: the national subject catalogue, departments (tổ chuyên môn), classes
-- with their homeroom teacher, the subjects each class takes with periods per year (which fix the
-- number of regular assessments), and teaching assignments (who teaches which subject to which class).
-- Only the admin board of the school writes these; records are ended, never deleted.

-- Year-scoped rows name both their school and school year; this key lets a foreign key check both agree.
alter table public.school_years add constraint school_years_id_school_key unique (id, school_id);

-- ---------------------------------------------------------------------------------------------------
-- subjects: the national programme's subjects per school level (not school-owned)
-- ---------------------------------------------------------------------------------------------------
create type public.assessment_kind as enum ('scored', 'comment');
create type public.subject_category as enum ('compulsory', 'elective', 'topic', 'activity');

create table public.subjects (
  id uuid primary key default extensions.gen_random_uuid(),
  school_level public.school_level not null,
  code text not null check (code ~ '^[a-z0-9_]+$'),
  name text not null,
  assessment_kind public.assessment_kind not null,
  category public.subject_category not null,
  default_periods_per_year int not null check (default_periods_per_year between 0 and 400),
  sort_order int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_level, code)
);
comment on table public.subjects is
  'Môn học và hoạt động giáo dục of the national programme per school level; scored (0–10) or comment-only (Đạt/Chưa đạt).';
alter table public.subjects enable row level security;
grant select on public.subjects to authenticated, service_role;
grant insert, update on public.subjects to service_role;
-- The national programme is public information.
create policy subjects_select on public.subjects for select to authenticated using (true);
comment on policy subjects_select on public.subjects is 'Everybody signed in reads the national subject catalogue.';

-- ---------------------------------------------------------------------------------------------------
-- departments and their members (per school year)
-- ---------------------------------------------------------------------------------------------------
create table public.departments (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  name text not null check (length(trim(name)) between 2 and 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_id, name)
);
comment on table public.departments is 'Tổ chuyên môn of a school (e.g. Toán – Tin).';
create index departments_school_id_idx on public.departments (school_id);
alter table public.departments enable row level security;
grant select, insert, update on public.departments to authenticated, service_role;

create table public.department_members (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  department_id uuid not null references public.departments (id) on delete restrict,
  profile_id uuid not null references public.profiles (id) on delete restrict,
  is_head boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (department_id, profile_id, school_year_id),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.department_members is 'Members of a department in a school year; is_head marks the tổ trưởng.';
create unique index department_members_one_head_idx on public.department_members (department_id, school_year_id) where is_head;
create index department_members_profile_idx on public.department_members (profile_id);
create index department_members_year_idx on public.department_members (school_year_id);
alter table public.department_members enable row level security;
grant select, insert, update, delete on public.department_members to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- classes
-- ---------------------------------------------------------------------------------------------------
create table public.classes (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  grade int not null check (grade between 1 and 12),
  name text not null check (name ~ '^[0-9]{1,2}[A-Za-zĐđ0-9]{1,6}$'),
  homeroom_teacher_id uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_year_id, name),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.classes is 'Lớp of a school year, with its homeroom teacher (GVCN).';
create index classes_school_year_idx on public.classes (school_year_id);
create index classes_school_idx on public.classes (school_id);
create index classes_homeroom_idx on public.classes (homeroom_teacher_id);
alter table public.classes enable row level security;
grant select, insert, update on public.classes to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- class_subjects: what a class takes, with periods per year
-- ---------------------------------------------------------------------------------------------------
create table public.class_subjects (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null references public.classes (id) on delete restrict,
  subject_id uuid not null references public.subjects (id) on delete restrict,
  periods_per_year int not null check (periods_per_year between 1 and 400),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (class_id, subject_id),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.class_subjects is
  'The subjects a class takes (compulsory, its elective combination, learning topics) with periods per year.';
create index class_subjects_year_idx on public.class_subjects (school_year_id);
create index class_subjects_subject_idx on public.class_subjects (subject_id);
alter table public.class_subjects enable row level security;
grant select, insert, update, delete on public.class_subjects to authenticated, service_role;

-- Number of regular assessments (ĐĐGtx) per semester that TT22 requires: 2 up to 35 periods a year,
-- 3 up to 70, 4 above. A minimum: a school may allow more.
create function public.required_regular_assessments(periods_per_year int) returns int
language sql immutable set search_path = ''
as $$ select case when periods_per_year <= 35 then 2 when periods_per_year <= 70 then 3 else 4 end $$;
grant execute on function public.required_regular_assessments(int) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- teaching_assignments: teacher × class × subject × year, over a semester span; ended, never deleted
-- ---------------------------------------------------------------------------------------------------
create table public.teaching_assignments (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null references public.classes (id) on delete restrict,
  subject_id uuid not null references public.subjects (id) on delete restrict,
  teacher_id uuid not null references public.profiles (id) on delete restrict,
  from_semester int not null default 1 check (from_semester in (1, 2)),
  to_semester int not null default 2 check (to_semester in (1, 2)),
  ended_at timestamptz,
  end_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (from_semester <= to_semester),
  check ((ended_at is null) = (end_reason is null)),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, subject_id) references public.class_subjects (class_id, subject_id) on delete restrict
);
comment on table public.teaching_assignments is
  'Phân công giảng dạy: a teacher teaches a subject to a class in a school year. Reassignment ends the old row.';
-- One active teacher per class, subject and semester span start (co-teaching is a later need).
create unique index teaching_assignments_active_idx on public.teaching_assignments (class_id, subject_id, from_semester) where ended_at is null;
create index teaching_assignments_teacher_idx on public.teaching_assignments (teacher_id) where ended_at is null;
create index teaching_assignments_year_idx on public.teaching_assignments (school_year_id);
alter table public.teaching_assignments enable row level security;
grant select, insert, update on public.teaching_assignments to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Policies (structure is not sensitive within a school: every staff member of the year reads it; only
-- the admin board of that school and year writes it).
-- ---------------------------------------------------------------------------------------------------
create policy departments_select on public.departments for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_staff_roles())));
create policy departments_insert on public.departments for insert to authenticated
  with check (school_id in (select private.my_school_ids('{admin_board}')));
create policy departments_update on public.departments for update to authenticated
  using (school_id in (select private.my_school_ids('{admin_board}')))
  with check (school_id in (select private.my_school_ids('{admin_board}')));
comment on policy departments_select on public.departments is 'Staff of the school read its departments.';
comment on policy departments_insert on public.departments is 'The admin board creates departments in its own school.';
comment on policy departments_update on public.departments is 'The admin board renames departments of its own school.';

create policy department_members_select on public.department_members for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy department_members_insert on public.department_members for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy department_members_update on public.department_members for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')))
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy department_members_delete on public.department_members for delete to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')));
comment on policy department_members_select on public.department_members is 'Staff of the school year read department membership.';
comment on policy department_members_insert on public.department_members is 'The admin board of that year adds members.';
comment on policy department_members_update on public.department_members is 'The admin board of that year changes members and heads.';
comment on policy department_members_delete on public.department_members is 'The admin board of that year removes a member (membership is configuration, not a record).';

create policy class_subjects_select on public.class_subjects for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy class_subjects_insert on public.class_subjects for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy class_subjects_update on public.class_subjects for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')))
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy class_subjects_delete on public.class_subjects for delete to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')));
comment on policy class_subjects_select on public.class_subjects is 'Staff of the school year read what each class takes.';
comment on policy class_subjects_insert on public.class_subjects is 'The admin board of that year adds a subject to a class.';
comment on policy class_subjects_update on public.class_subjects is 'The admin board of that year changes periods per year.';
comment on policy class_subjects_delete on public.class_subjects is 'The admin board removes a subject no assignment refers to (the foreign key refuses otherwise).';

create policy teaching_assignments_select on public.teaching_assignments for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy teaching_assignments_insert on public.teaching_assignments for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy teaching_assignments_update on public.teaching_assignments for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')))
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
comment on policy teaching_assignments_select on public.teaching_assignments is 'Staff of the school year read who teaches what.';
comment on policy teaching_assignments_insert on public.teaching_assignments is 'The admin board of that year assigns teachers.';
comment on policy teaching_assignments_update on public.teaching_assignments is 'The admin board of that year ends an assignment (reassignment = end + new row).';

-- The teacher of an assignment and a class's homeroom teacher must be staff of that school year.
create function private.check_staff_of_year() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  person uuid := case tg_table_name when 'classes' then new.homeroom_teacher_id else new.teacher_id end;
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
create trigger classes_staff_check before insert or update of homeroom_teacher_id on public.classes
  for each row execute function private.check_staff_of_year();
create trigger teaching_assignments_staff_check before insert or update of teacher_id on public.teaching_assignments
  for each row execute function private.check_staff_of_year();

select private.enable_audit('public.departments');
select private.enable_audit('public.department_members');
select private.enable_audit('public.classes');
select private.enable_audit('public.class_subjects');
select private.enable_audit('public.teaching_assignments');
