-- The secondary gradebook (TT22/2021): one row per assessment (score_entries), the subject teacher's
-- comments (subject_comments), the homeroom teacher's conduct ratings (conduct_ratings) and absences
-- (attendance). Who writes what:
--   * scores and ratings: only through public.save_score_entries (20261122002103), which takes the
--     version each entry was read at, so no client can overwrite a colleague's save unseen; the
--     service role writes directly (seed, imports) and is still checked by the triggers below;
--   * comments: the subject teacher of the assignment;
--   * conduct, attendance, re-test results, summer re-ratings: the homeroom teacher of the class.
-- Every rule is a constraint or a statement-level trigger with a message a teacher understands, so it
-- holds whatever client writes. Locks are in 20261122002101, results in 20261122002102.

-- How many ĐĐGtx a subject may have per semester, at most (TT22 sets the minimum by periods; a school
-- may allow more). The admin board of the year sets it.
alter table public.school_years add column max_regular_assessments smallint not null default 5
  constraint school_years_max_regular_check check (max_regular_assessments between 4 and 9);
comment on column public.school_years.max_regular_assessments is
  'Most ĐĐGtx per subject and semester the school allows (at least the TT22 minimum of the subject: 2/3/4).';
grant update (max_regular_assessments, updated_at) on public.school_years to authenticated;
create policy school_years_update on public.school_years for update to authenticated
  using (id in (select private.my_year_ids('{admin_board}')))
  with check (id in (select private.my_year_ids('{admin_board}')));
comment on policy school_years_update on public.school_years is
  'The admin board of a year sets its gradebook settings (only max_regular_assessments is granted).';

create type public.entry_kind as enum ('tx', 'gk', 'ck', 'retest');
comment on type public.entry_kind is
  'ĐĐGtx (regular, numbered), ĐĐGgk (midterm), ĐĐGck (final), kiểm tra lại (re-test after the year).';

-- ---------------------------------------------------------------------------------------------------
-- Read and write scopes
-- ---------------------------------------------------------------------------------------------------

-- The (class, subject) pairs whose gradebook the caller reads as a teacher: their own active
-- assignments, and for a department head every active assignment of a member of their department.
-- Cost: index scans of the caller's assignments and department.
create function private.taught_class_subjects() returns table (class_id uuid, subject_id uuid)
language plpgsql stable security definer set search_path = '' rows 20
as $$ begin
  return query
  select a.class_id, a.subject_id from public.teaching_assignments a
  where a.teacher_id = (select auth.uid()) and a.ended_at is null
    and a.school_year_id in (select private.my_year_ids('{subject_teacher,homeroom_teacher,dept_head,principal,vice_principal}'))
  union
  select a.class_id, a.subject_id
  from public.department_members head
  join public.department_members m on m.department_id = head.department_id and m.school_year_id = head.school_year_id
  join public.teaching_assignments a on a.teacher_id = m.profile_id and a.school_year_id = m.school_year_id
  where head.profile_id = (select auth.uid()) and head.is_head and a.ended_at is null
    and head.school_year_id in (select private.my_year_ids('{dept_head}'));
end $$;
revoke execute on function private.taught_class_subjects() from public, anon;
grant execute on function private.taught_class_subjects() to authenticated, service_role;

-- The students a caller reads through classes or family (students_select, enrolments_select,
-- subject_exemptions_select, audit): now through taught_class_subjects(), so a Tổ trưởng reads the
-- students of the classes their department teaches, whose gradebooks they check (before: only their own
-- assignments, which left the department's gradebook sheets and results without students). Same
-- signature as 20261122001201. Cost: index scans of the caller's classes, assignments, department,
-- guardian links.
create or replace function private.taught_student_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 300
as $$ begin
  return query
  select e.student_id from public.enrolments e
  where e.class_id in (select private.homeroom_class_ids())
  union
  select e.student_id from public.enrolments e
  where e.class_id in (select t.class_id from private.taught_class_subjects() t)
  union
  select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.id from public.students s where s.profile_id = (select auth.uid());
end $$;

-- The students of the caller's homeroom classes (every year they were GVCN). Cost: index scans.
create function private.homeroom_student_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 100
as $$ begin
  return query
  select e.student_id from public.enrolments e where e.class_id in (select private.homeroom_class_ids());
end $$;
revoke execute on function private.homeroom_student_ids() from public, anon;
grant execute on function private.homeroom_student_ids() to authenticated, service_role;

-- Roles that read every gradebook of their school.
create function private.gradebook_school_roles() returns public.app_role[]
language sql immutable set search_path = ''
as $$ select '{principal,vice_principal,admin_board,clerk}'::public.app_role[] $$;
grant execute on function private.gradebook_school_roles() to authenticated, service_role;

-- Whether the caller enters scores of (class, subject) in a semester: they hold the active teaching
-- assignment covering it, in a year where they are staff. Callers: policies and RPCs. Cost: one index
-- scan.
create function private.teaches(p_class_id uuid, p_subject_id uuid, p_semester int) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return exists (
    select 1 from public.teaching_assignments a
    where a.class_id = p_class_id and a.subject_id = p_subject_id and a.teacher_id = (select auth.uid())
      and a.ended_at is null and p_semester between a.from_semester and a.to_semester
      and a.school_year_id in (select private.my_year_ids('{subject_teacher,homeroom_teacher,dept_head,principal,vice_principal}')));
end $$;
revoke execute on function private.teaches(uuid, uuid, int) from public, anon;
grant execute on function private.teaches(uuid, uuid, int) to authenticated, service_role;

-- Vietnamese label of an entry, for messages: "TX2", "GK", "CK", "Kiểm tra lại".
create function private.entry_label(kind public.entry_kind, seq int) returns text
language sql immutable set search_path = ''
as $$ select case kind when 'tx' then 'TX' || seq when 'gk' then 'GK' when 'ck' then 'CK' else 'Kiểm tra lại' end $$;
grant execute on function private.entry_label(public.entry_kind, int) to authenticated, service_role;

-- Bumps version and updated_at on every update: the version is what save_score_entries compares.
create function private.bump_version() returns trigger
language plpgsql set search_path = ''
as $$ begin
  new.version := old.version + 1;
  new.updated_at := now();
  return new;
end $$;

-- ---------------------------------------------------------------------------------------------------
-- score_entries
-- ---------------------------------------------------------------------------------------------------
create table public.score_entries (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  subject_id uuid not null references public.subjects (id) on delete restrict,
  semester smallint,
  kind public.entry_kind not null,
  seq smallint not null default 1,
  score numeric,
  rating boolean,
  is_makeup boolean not null default false,
  version int not null default 1,
  entered_by uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint score_entries_semester_check check ((kind = 'retest') = (semester is null) and (semester is null or semester in (1, 2))),
  constraint score_entries_seq_check check (seq >= 1 and (kind = 'tx' or seq = 1)),
  constraint score_entries_value_check check ((score is null) <> (rating is null)),
  constraint score_entries_score_check check (score between 0 and 10 and score = round(score, 1)),
  constraint score_entries_one_per_slot unique nulls not distinct (student_id, subject_id, school_year_id, semester, kind, seq),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (class_id, subject_id) references public.class_subjects (class_id, subject_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.score_entries is
  'Điểm/đánh giá: one ĐĐGtx, ĐĐGgk, ĐĐGck or re-test of a student in a subject, semester and year; score 0–10 (one decimal) for scored subjects, rating Đ/CĐ for comment-only ones.';
comment on column public.score_entries.version is 'Incremented on every update; save_score_entries refuses a save made from an older version.';
create index score_entries_class_subject_idx on public.score_entries (class_id, subject_id, semester);
create index score_entries_school_idx on public.score_entries (school_id);
create index score_entries_year_idx on public.score_entries (school_year_id);
create index score_entries_subject_idx on public.score_entries (subject_id);
alter table public.score_entries enable row level security;
grant select on public.score_entries to authenticated;
grant select, insert, update, delete on public.score_entries to service_role;

create policy score_entries_select on public.score_entries for select to authenticated
  using (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or (class_id, subject_id) in (select t.class_id, t.subject_id from private.taught_class_subjects() t)
         or student_id in (select private.homeroom_student_ids()));
comment on policy score_entries_select on public.score_entries is
  'BGH, the admin board and the clerk read the school''s gradebooks; a teacher their assignments (a department head the department''s); a GVCN every subject of their class''s students. Writes only through save_score_entries.';

create trigger score_entries_version before update on public.score_entries
  for each row execute function private.bump_version();

-- ---------------------------------------------------------------------------------------------------
-- subject_comments
-- ---------------------------------------------------------------------------------------------------
create table public.subject_comments (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  subject_id uuid not null references public.subjects (id) on delete restrict,
  semester smallint not null check (semester in (1, 2)),
  comment text not null constraint subject_comments_comment_check check (length(trim(comment)) between 1 and 2000),
  version int not null default 1,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (student_id, subject_id, school_year_id, semester),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (class_id, subject_id) references public.class_subjects (class_id, subject_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.subject_comments is 'Nhận xét of the subject teacher on a student, per subject and semester.';
create index subject_comments_class_subject_idx on public.subject_comments (class_id, subject_id, semester);
create index subject_comments_school_idx on public.subject_comments (school_id);
create index subject_comments_year_idx on public.subject_comments (school_year_id);
create index subject_comments_subject_idx on public.subject_comments (subject_id);
alter table public.subject_comments enable row level security;
grant select, insert, update, delete on public.subject_comments to authenticated, service_role;

create policy subject_comments_select on public.subject_comments for select to authenticated
  using (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or (class_id, subject_id) in (select t.class_id, t.subject_id from private.taught_class_subjects() t)
         or student_id in (select private.homeroom_student_ids()));
create policy subject_comments_insert on public.subject_comments for insert to authenticated
  with check (private.teaches(class_id, subject_id, semester));
create policy subject_comments_update on public.subject_comments for update to authenticated
  using (private.teaches(class_id, subject_id, semester))
  with check (private.teaches(class_id, subject_id, semester));
create policy subject_comments_delete on public.subject_comments for delete to authenticated
  using (private.teaches(class_id, subject_id, semester));
comment on policy subject_comments_select on public.subject_comments is 'As score_entries.';
comment on policy subject_comments_insert on public.subject_comments is 'The teacher of the assignment comments on their subject.';
comment on policy subject_comments_update on public.subject_comments is 'The teacher of the assignment changes their comment.';
comment on policy subject_comments_delete on public.subject_comments is 'The teacher of the assignment removes their comment (audited).';
create trigger subject_comments_version before update on public.subject_comments
  for each row execute function private.bump_version();

-- ---------------------------------------------------------------------------------------------------
-- conduct_ratings (kết quả rèn luyện), per semester; semester null = re-rating after summer training
-- ---------------------------------------------------------------------------------------------------
create table public.conduct_ratings (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  semester smallint check (semester in (1, 2)),
  level text not null constraint conduct_ratings_level_check check (level in ('tot', 'kha', 'dat', 'chua_dat')),
  comment text check (length(comment) <= 2000),
  version int not null default 1,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint conduct_ratings_one_per_period unique nulls not distinct (student_id, school_year_id, semester),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.conduct_ratings is
  'Kết quả rèn luyện set by the GVCN per semester (tot/kha/dat/chua_dat); semester null is the re-rating after summer training (rèn luyện trong hè).';
create index conduct_ratings_class_idx on public.conduct_ratings (class_id);
create index conduct_ratings_school_idx on public.conduct_ratings (school_id);
create index conduct_ratings_year_idx on public.conduct_ratings (school_year_id);
alter table public.conduct_ratings enable row level security;
grant select, insert, update, delete on public.conduct_ratings to authenticated, service_role;

create policy conduct_ratings_select on public.conduct_ratings for select to authenticated
  using (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or student_id in (select private.homeroom_student_ids())
         or class_id in (select t.class_id from private.taught_class_subjects() t));
create policy conduct_ratings_insert on public.conduct_ratings for insert to authenticated
  with check (class_id in (select private.homeroom_class_ids()));
create policy conduct_ratings_update on public.conduct_ratings for update to authenticated
  using (class_id in (select private.homeroom_class_ids()))
  with check (class_id in (select private.homeroom_class_ids()));
create policy conduct_ratings_delete on public.conduct_ratings for delete to authenticated
  using (class_id in (select private.homeroom_class_ids()));
comment on policy conduct_ratings_select on public.conduct_ratings is
  'BGH, the admin board, the clerk; the GVCN; the teachers of the class (they propose conduct).';
comment on policy conduct_ratings_insert on public.conduct_ratings is 'The GVCN rates conduct in their class.';
comment on policy conduct_ratings_update on public.conduct_ratings is 'The GVCN changes a conduct rating of their class.';
comment on policy conduct_ratings_delete on public.conduct_ratings is 'The GVCN removes a conduct rating of their class (audited).';
create trigger conduct_ratings_version before update on public.conduct_ratings
  for each row execute function private.bump_version();

-- ---------------------------------------------------------------------------------------------------
-- attendance: one row per day absent (TT22 counts one session a day)
-- ---------------------------------------------------------------------------------------------------
create table public.attendance (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  on_date date not null,
  semester smallint not null default 1 check (semester in (1, 2)),
  excused boolean not null,
  reason text check (length(reason) <= 500),
  version int not null default 1,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (student_id, on_date),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.attendance is
  'Ngày nghỉ học: one row per student and day absent, excused (có phép) or not; the semester is set from the date.';
create index attendance_class_idx on public.attendance (class_id, on_date);
create index attendance_school_idx on public.attendance (school_id);
create index attendance_year_idx on public.attendance (school_year_id, student_id);
alter table public.attendance enable row level security;
grant select, insert, update, delete on public.attendance to authenticated, service_role;

create policy attendance_select on public.attendance for select to authenticated
  using (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or student_id in (select private.homeroom_student_ids())
         or class_id in (select t.class_id from private.taught_class_subjects() t));
create policy attendance_insert on public.attendance for insert to authenticated
  with check (class_id in (select private.homeroom_class_ids()));
create policy attendance_update on public.attendance for update to authenticated
  using (class_id in (select private.homeroom_class_ids()))
  with check (class_id in (select private.homeroom_class_ids()));
create policy attendance_delete on public.attendance for delete to authenticated
  using (class_id in (select private.homeroom_class_ids()));
comment on policy attendance_select on public.attendance is 'As conduct_ratings.';
comment on policy attendance_insert on public.attendance is 'The GVCN records an absence in their class.';
comment on policy attendance_update on public.attendance is 'The GVCN changes an absence of their class.';
comment on policy attendance_delete on public.attendance is 'The GVCN removes an absence recorded by mistake (audited).';
create trigger attendance_version before update on public.attendance
  for each row execute function private.bump_version();

-- The semester of an absence follows its date; a date outside the school year is refused.
create function private.attendance_semester() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  y public.school_years;
begin
  select * into y from public.school_years where id = new.school_year_id;
  if new.on_date < y.starts_on or new.on_date > y.ends_on then
    raise exception 'Ngày nghỉ % không thuộc năm học %', to_char(new.on_date, 'DD/MM/YYYY'), y.code
      using errcode = '23514';
  end if;
  new.semester := case when new.on_date <= y.semester1_ends_on then 1 else 2 end;
  return new;
end $$;
create trigger attendance_semester before insert or update of on_date, school_year_id on public.attendance
  for each row execute function private.attendance_semester();

-- ---------------------------------------------------------------------------------------------------
-- Rules every writer meets (statement-level: one query per statement, whatever its size)
-- ---------------------------------------------------------------------------------------------------

-- The rows of the statement must belong to their class: the student enrolled in it that year, the
-- subject taken by the class, of a secondary school, not a learning topic, not exempt; a score for a
-- scored subject and a rating for a comment-only one; no more ĐĐGtx than the school allows. Re-test
-- entries only for a student whose year result needs it is not enforced here (the GVCN decides from
-- student_results). The first offending row is named in the message.
create function private.check_score_entries() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad record;
begin
  with r as (
    select n.kind, n.seq, n.score, s.full_name as student_name, sub.name as subject_name, sub.assessment_kind,
           sub.category, sub.school_level, c.name as class_name,
           greatest(y.max_regular_assessments, public.required_regular_assessments(cs.periods_per_year)) as max_tx,
           exists (select 1 from public.enrolments e where e.student_id = n.student_id and e.class_id = n.class_id) as enrolled,
           exists (select 1 from public.subject_exemptions x where x.student_id = n.student_id and x.subject_id = n.subject_id
                     and x.school_year_id = n.school_year_id and (x.semester is null or x.semester = n.semester)) as exempt
    from new_rows n
    join public.students s on s.id = n.student_id
    join public.subjects sub on sub.id = n.subject_id
    join public.classes c on c.id = n.class_id
    join public.school_years y on y.id = n.school_year_id
    join public.class_subjects cs on cs.class_id = n.class_id and cs.subject_id = n.subject_id
  )
  select * into bad from r
  where school_level not in ('lower_secondary', 'upper_secondary') or category = 'topic' or not enrolled or exempt
     or (assessment_kind = 'scored') <> (score is not null) or (kind = 'tx' and seq > max_tx)
  limit 1;
  if not found then
    return null;
  end if;
  if bad.school_level not in ('lower_secondary', 'upper_secondary') then
    raise exception 'Môn % thuộc chương trình tiểu học: đánh giá theo Thông tư 27, không nhập điểm TT22', bad.subject_name
      using errcode = '22023';
  elsif bad.category = 'topic' then
    raise exception '% không có cột điểm riêng: kết quả chuyên đề được nhập là một ĐĐGtx của môn học tương ứng', bad.subject_name
      using errcode = '22023';
  elsif not bad.enrolled then
    raise exception 'Học sinh % không thuộc lớp %', bad.student_name, bad.class_name using errcode = '22023';
  elsif bad.exempt then
    raise exception 'Học sinh % được miễn môn %: không nhập điểm', bad.student_name, bad.subject_name using errcode = '22023';
  elsif bad.kind = 'tx' and bad.seq > bad.max_tx then
    raise exception 'Môn % lớp % có tối đa % cột ĐĐGtx trong một học kỳ (% – %)', bad.subject_name, bad.class_name,
      bad.max_tx, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  elsif bad.assessment_kind = 'scored' then
    raise exception 'Môn % đánh giá bằng điểm số: hãy nhập điểm từ 0 đến 10, không nhập Đ/CĐ (% – %)',
      bad.subject_name, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  else
    raise exception 'Môn % đánh giá bằng nhận xét: chỉ nhập Đ hoặc CĐ, không nhập điểm số (% – %)',
      bad.subject_name, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  end if;
end $$;
create trigger score_entries_check_insert after insert on public.score_entries
  referencing new table as new_rows for each statement execute function private.check_score_entries();
create trigger score_entries_check_update after update on public.score_entries
  referencing new table as new_rows for each statement execute function private.check_score_entries();

-- Comments, conduct and attendance rows must be about a student of their class.
create function private.check_class_rows() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad record;
begin
  select s.full_name as student_name, c.name as class_name into bad
  from new_rows n
  join public.students s on s.id = n.student_id
  join public.classes c on c.id = n.class_id
  where not exists (select 1 from public.enrolments e where e.student_id = n.student_id and e.class_id = n.class_id)
  limit 1;
  if found then
    raise exception 'Học sinh % không thuộc lớp %', bad.student_name, bad.class_name using errcode = '22023';
  end if;
  return null;
end $$;
create trigger subject_comments_check_insert after insert on public.subject_comments
  referencing new table as new_rows for each statement execute function private.check_class_rows();
create trigger subject_comments_check_update after update on public.subject_comments
  referencing new table as new_rows for each statement execute function private.check_class_rows();
create trigger conduct_ratings_check_insert after insert on public.conduct_ratings
  referencing new table as new_rows for each statement execute function private.check_class_rows();
create trigger conduct_ratings_check_update after update on public.conduct_ratings
  referencing new table as new_rows for each statement execute function private.check_class_rows();
create trigger attendance_check_insert after insert on public.attendance
  referencing new table as new_rows for each statement execute function private.check_class_rows();
create trigger attendance_check_update after update on public.attendance
  referencing new table as new_rows for each statement execute function private.check_class_rows();

select private.enable_audit('public.score_entries');
select private.enable_audit('public.subject_comments');
select private.enable_audit('public.conduct_ratings');
select private.enable_audit('public.attendance');

-- Audit entries of the gradebook are read by the school-wide gradebook roles and custodians, the actor
-- and the GVCN of the student (a subject teacher reads the entries of their own saves); entries about
-- lock decisions and lock events by the school's staff, who read those rows.
alter policy audit_log_select on public.audit_log
  using (
    school_id in (select private.my_school_ids('{admin_board,principal,vice_principal,it_staff}'))
    or actor_id = (select auth.uid())
    or (table_name in ('classes', 'class_subjects', 'teaching_assignments', 'departments', 'department_members', 'school_years',
                       'lock_decisions', 'gradebook_locks')
        and school_id in (select private.my_school_ids(private.school_staff_roles())))
    or (table_name in ('students', 'enrolments', 'subject_exemptions')
        and (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.taught_student_ids() x)))
    or (table_name in ('student_details', 'guardians')
        and (school_id in (select private.my_school_ids(private.full_profile_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.full_profile_family_ids() x)))
    or (table_name in ('score_entries', 'subject_comments', 'conduct_ratings', 'attendance')
        and (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.homeroom_student_ids() x)))
  );
comment on policy audit_log_select on public.audit_log is
  'An entry is read by whoever reads the row it describes: the admin board, BGH and IT staff of the school and the actor always; school structure and lock decisions/events by the school''s staff; students, enrolments, exemptions by school-wide student roles and the student''s teachers (a Tổ trưởng: the department''s classes) and family; details and guardians by full-profile roles, the homeroom teacher and the family; gradebook entries by BGH, the admin board, the clerk and the GVCN; memberships by the admin board and BGH only.';

-- Hosted Supabase's default privileges give the service role every privilege on new tables, TRUNCATE
-- included, which skips row triggers (rules, locks, audit). Records are never truncated.
revoke truncate, references, trigger on public.score_entries, public.subject_comments, public.conduct_ratings, public.attendance from service_role, authenticated, anon;
