-- Students, the profile of the transcript's first page, guardians, enrolments (with class changes,
-- transfers and dropouts) and subject exemptions. The profile is split in two so that a subject teacher
-- reads only what a teacher needs: `students` (name, code, gender, date of birth) and `student_details`
-- (birthplace, ethnicity, nationality, hometown, residence, priority group), which only the homeroom
-- teacher, BGH, the admin board, the clerk and the family read. Nothing here is ever deleted.

create type public.gender as enum ('male', 'female');

create table public.students (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  -- Mã định danh / mã học sinh of the national database (10 digits in practice; kept as text).
  student_code text not null check (student_code ~ '^[0-9A-Za-z]{6,20}$'),
  family_name text not null check (length(trim(family_name)) between 1 and 40),
  middle_name text not null default '' check (length(middle_name) <= 60),
  given_name text not null check (length(trim(given_name)) between 1 and 30),
  full_name text generated always as (
    trim(family_name || ' ' || middle_name) || ' ' || given_name) stored,
  gender public.gender not null,
  birth_date date not null check (birth_date between date '1990-01-01' and date '2030-12-31'),
  -- The account of the student (học sinh), if any.
  profile_id uuid unique references public.profiles (id) on delete restrict,
  search_text text generated always as (
    private.search_text(family_name || ' ' || middle_name || ' ' || given_name || ' ' || student_code)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_id, student_code)
);
comment on table public.students is
  'Học sinh: what every teacher of the student may read (name, code, gender, date of birth). Sorted the Vietnamese way: given, family, middle name.';
create index students_school_idx on public.students (school_id);
create index students_sort_idx on public.students (school_id, given_name, family_name, middle_name);
create extension if not exists pg_trgm with schema extensions;
create index students_search_idx on public.students using gin (search_text extensions.gin_trgm_ops);
alter table public.students enable row level security;
grant select, insert, update on public.students to service_role;
-- Column-level: a client never writes the account link and never moves a student to another school.
grant select on public.students to authenticated;
grant insert (school_id, student_code, family_name, middle_name, given_name, gender, birth_date) on public.students to authenticated;
grant update (student_code, family_name, middle_name, given_name, gender, birth_date) on public.students to authenticated;

create table public.student_details (
  student_id uuid primary key references public.students (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  birth_place text not null default '',
  ethnicity text not null default 'Kinh',
  nationality text not null default 'Việt Nam',
  religion text not null default '',
  hometown text not null default '',
  residence text not null default '',
  -- Đối tượng: priority / policy group (con liệt sĩ, hộ nghèo, dân tộc thiểu số…), free text as data.
  priority_group text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.student_details is
  'The rest of the transcript''s identity page (nơi sinh, dân tộc, quốc tịch, quê quán, chỗ ở, đối tượng): homeroom, BGH, admin board, clerk and family only.';
create index student_details_school_idx on public.student_details (school_id);
alter table public.student_details enable row level security;
grant select, insert, update on public.student_details to authenticated, service_role;

create type public.guardian_relationship as enum ('father', 'mother', 'guardian');

create table public.guardians (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null references public.students (id) on delete restrict,
  relationship public.guardian_relationship not null,
  full_name text not null check (length(trim(full_name)) between 2 and 120),
  occupation text not null default '',
  phone text check (phone ~ '^\+?[0-9 .]{8,15}$'),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  -- The guardian's account (phụ huynh), if any.
  profile_id uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.guardians is 'Cha, mẹ, người giám hộ of a student, with contacts and, if any, their account.';
create index guardians_student_idx on public.guardians (student_id);
create index guardians_profile_idx on public.guardians (profile_id);
alter table public.guardians enable row level security;
grant select, insert, update on public.guardians to authenticated, service_role;

create type public.enrolment_start as enum ('new', 'promoted', 'repeating', 'class_change', 'transfer_in');
create type public.enrolment_end as enum ('year_end', 'class_change', 'transfer_out', 'dropout', 'graduated');

create table public.enrolments (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  student_id uuid not null references public.students (id) on delete restrict,
  class_id uuid not null references public.classes (id) on delete restrict,
  started_on date not null,
  start_reason public.enrolment_start not null default 'new',
  -- For a transfer in: the school the student came from.
  transferred_from text,
  ended_on date,
  end_reason public.enrolment_end,
  -- For a transfer out: the school the student goes to; for any end: the decision or reason.
  end_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((ended_on is null) = (end_reason is null)),
  check (ended_on is null or ended_on >= started_on),
  check ((start_reason = 'transfer_in') = (transferred_from is not null)),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.enrolments is
  'A student in a class for a school year. Class changes, transfers and dropouts end the row with a date and reason; never deleted.';
-- At most one open enrolment per student and year.
create unique index enrolments_open_idx on public.enrolments (student_id, school_year_id) where ended_on is null;
create index enrolments_class_idx on public.enrolments (class_id, student_id);
create index enrolments_student_idx on public.enrolments (student_id);
create index enrolments_year_idx on public.enrolments (school_year_id);
alter table public.enrolments enable row level security;
grant select, insert, update on public.enrolments to authenticated, service_role;

create table public.subject_exemptions (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  student_id uuid not null references public.students (id) on delete restrict,
  subject_id uuid not null references public.subjects (id) on delete restrict,
  semester int check (semester in (1, 2)),
  reason text not null check (length(trim(reason)) >= 3),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (student_id, subject_id, school_year_id, semester),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.subject_exemptions is 'Miễn học: a student exempt from a subject (e.g. GDTC for health) for a year or one semester; left out of their results.';
create index subject_exemptions_year_idx on public.subject_exemptions (school_year_id);
alter table public.subject_exemptions enable row level security;
grant select, insert, update on public.subject_exemptions to authenticated, service_role;

-- A class's enrolment must be in the class's own school year.
create function private.check_enrolment_class() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.classes c where c.id = new.class_id and c.school_year_id = new.school_year_id) then
    raise exception 'Lớp không thuộc năm học của lần xếp lớp này' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger enrolments_class_check before insert or update of class_id, school_year_id on public.enrolments
  for each row execute function private.check_enrolment_class();

-- ---------------------------------------------------------------------------------------------------
-- Who sees which students. One helper, evaluated once per statement, union of the caller's scopes:
-- school-wide roles (current year) → every student of the school; homeroom → students ever enrolled in
-- their classes; subject teacher → students ever enrolled in classes they have an active assignment for;
-- guardian → their children; student → themselves. Phòng/Sở officers see none (summaries only).
-- ---------------------------------------------------------------------------------------------------
-- Classes of which the caller is the homeroom teacher, in years where they hold that role.
create function private.homeroom_class_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select c.id from public.classes c
  where c.homeroom_teacher_id = (select auth.uid())
    and c.school_year_id in (select private.my_year_ids('{homeroom_teacher}'))
$$;

create function private.visible_student_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select s.id from public.students s
  where s.school_id in (select private.my_school_ids(private.school_wide_student_roles()))
  union
  select e.student_id from public.enrolments e
  where e.class_id in (select private.homeroom_class_ids())
  union
  select e.student_id from public.enrolments e
  join public.teaching_assignments a on a.class_id = e.class_id
  where a.teacher_id = (select auth.uid()) and a.ended_at is null
    and a.school_year_id in (select private.my_year_ids('{subject_teacher,homeroom_teacher,dept_head}'))
  union
  select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.id from public.students s where s.profile_id = (select auth.uid())
$$;

-- Students whose full profile (student_details, guardians' contacts) the caller reads.
create function private.full_profile_student_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select s.id from public.students s
  where s.school_id in (select private.my_school_ids(private.full_profile_roles()))
  union
  select e.student_id from public.enrolments e where e.class_id in (select private.homeroom_class_ids())
  union
  select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.id from public.students s where s.profile_id = (select auth.uid())
$$;

-- Students whose profile the caller may edit: the admin board's school, the homeroom teacher's class
-- (current year only: last year's class is history).
create function private.editable_student_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select s.id from public.students s where s.school_id in (select private.my_school_ids('{admin_board}'))
  union
  select e.student_id from public.enrolments e
  where e.class_id in (select private.homeroom_class_ids())
    and e.school_year_id in (select private.current_school_year_ids())
$$;

-- Classes a guardian's child or a student is enrolled in.
create function private.family_class_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select e.class_id from public.enrolments e
  where e.student_id in (
    select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
    union
    select s.id from public.students s where s.profile_id = (select auth.uid()))
$$;

revoke execute on function private.visible_student_ids(), private.homeroom_class_ids(), private.full_profile_student_ids(),
  private.editable_student_ids(), private.family_class_ids() from public, anon;
grant execute on function private.visible_student_ids(), private.homeroom_class_ids(), private.full_profile_student_ids(),
  private.editable_student_ids(), private.family_class_ids() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------------
create policy classes_select on public.classes for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles()))
         or id in (select private.family_class_ids()));
create policy classes_insert on public.classes for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy classes_update on public.classes for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')))
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
comment on policy classes_select on public.classes is 'Staff of the school year read its classes; a family reads its child''s classes.';
comment on policy classes_insert on public.classes is 'The admin board of that year creates classes.';
comment on policy classes_update on public.classes is 'The admin board of that year renames classes and sets the homeroom teacher.';

create policy students_select on public.students for select to authenticated
  using (id in (select private.visible_student_ids()));
create policy students_insert on public.students for insert to authenticated
  with check (school_id in (select private.my_school_ids('{admin_board}')));
create policy students_update on public.students for update to authenticated
  using (id in (select private.editable_student_ids()))
  with check (id in (select private.editable_student_ids()));
comment on policy students_select on public.students is
  'School-wide roles read the school''s students; teachers the students of their classes; a family its own.';
comment on policy students_insert on public.students is 'The admin board adds students to its own school.';
comment on policy students_update on public.students is 'The admin board and the homeroom teacher (current class) edit a student''s profile.';

create policy student_details_select on public.student_details for select to authenticated
  using (student_id in (select private.full_profile_student_ids()));
create policy student_details_insert on public.student_details for insert to authenticated
  with check (student_id in (select private.editable_student_ids()));
create policy student_details_update on public.student_details for update to authenticated
  using (student_id in (select private.editable_student_ids()))
  with check (student_id in (select private.editable_student_ids()));
comment on policy student_details_select on public.student_details is 'Homeroom, BGH, admin board, clerk and the family read the full profile; subject teachers do not.';
comment on policy student_details_insert on public.student_details is 'Who may edit the student writes the full profile.';
comment on policy student_details_update on public.student_details is 'Who may edit the student writes the full profile.';

create policy guardians_select on public.guardians for select to authenticated
  using (student_id in (select private.full_profile_student_ids()));
create policy guardians_insert on public.guardians for insert to authenticated
  with check (student_id in (select private.editable_student_ids()));
create policy guardians_update on public.guardians for update to authenticated
  using (student_id in (select private.editable_student_ids()))
  with check (student_id in (select private.editable_student_ids()));
comment on policy guardians_select on public.guardians is 'Guardians and their contacts: homeroom, BGH, admin board, clerk and the family.';
comment on policy guardians_insert on public.guardians is 'The admin board and the homeroom teacher record guardians.';
comment on policy guardians_update on public.guardians is 'The admin board and the homeroom teacher update guardians.';

create policy enrolments_select on public.enrolments for select to authenticated
  using (student_id in (select private.visible_student_ids()));
create policy enrolments_insert on public.enrolments for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
create policy enrolments_update on public.enrolments for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')))
  with check (school_year_id in (select private.my_year_ids('{admin_board}')));
comment on policy enrolments_select on public.enrolments is 'Whoever reads a student reads their enrolment history.';
comment on policy enrolments_insert on public.enrolments is 'The admin board of that year enrols students (new, transfer in, class change).';
comment on policy enrolments_update on public.enrolments is 'The admin board of that year ends an enrolment (class change, transfer out, dropout, year end).';

create policy subject_exemptions_select on public.subject_exemptions for select to authenticated
  using (student_id in (select private.visible_student_ids()));
create policy subject_exemptions_insert on public.subject_exemptions for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')) or student_id in (select private.editable_student_ids()));
create policy subject_exemptions_update on public.subject_exemptions for update to authenticated
  using (school_year_id in (select private.my_year_ids('{admin_board}')) or student_id in (select private.editable_student_ids()))
  with check (school_year_id in (select private.my_year_ids('{admin_board}')) or student_id in (select private.editable_student_ids()));
comment on policy subject_exemptions_select on public.subject_exemptions is 'Whoever reads a student reads their exemptions.';
comment on policy subject_exemptions_insert on public.subject_exemptions is 'The admin board and the homeroom teacher record an exemption.';
comment on policy subject_exemptions_update on public.subject_exemptions is 'The admin board and the homeroom teacher correct an exemption.';

select private.enable_audit('public.students');
select private.enable_audit('public.student_details', 'student_id');
select private.enable_audit('public.guardians');
select private.enable_audit('public.enrolments');
select private.enable_audit('public.subject_exemptions');
