-- The school year cycle, first part (issue 20, items 1, 2, 4 and 6): the admin board prepares the next
-- school year from the current one and opens it; until it is opened, nothing of it is visible to anyone
-- but the board (Điều 4.1–4.2 of seed 001: the board declares the year's classes, assigns teachers and
-- homeroom teachers and grants roles at the start of every year).
--
-- * school_years.opened_at: null while the board prepares the year. Every year made before this
--   migration (and by the seed, the service role) is open (the default). Readers of a year go through
--   four helpers, each of which now skips an unopened year, so no policy of a year-scoped table changes:
--     - private.my_year_ids(roles): an unopened year counts for the caller's admin_board rows only — the
--       classes, class subjects, assignments, locks, publications of the year; the homeroom and taught
--       students (homeroom_class_ids, taught_class_subjects) and the write gate `teaches` follow;
--     - private.current_school_year_id(s): an unopened year never becomes "current" by its date;
--     - school_years_select: an unopened year is read by the board of the school alone;
--     - families: family_class_ids and enrolments_select skip enrolments of an unopened year (a child
--       placed in next year's class is not shown before the year opens), and a person's own roles of an
--       unopened year are not shown to them (memberships_select's own-row arm).
--   School-wide readers of student rows (BGH, clerk, nurse) keep reading the school's students: a new
--   student entered for next year is a student of the school.
-- * rpc/prepare_school_year {p_school_id, p_starts_on?, p_semester1_ends_on?, p_semester2_starts_on?,
--   p_ends_on?} (the admin board of the school, in its current year): creates the next year (code and
--   dates one year on from the current one unless given) unopened, with
--     - its test days (assessment_periods) one year on;
--     - the staff's roles carried (every role of the current year but families' and officers'; BGH roles
--       too — an appointment runs on until the Phòng or Sở changes it), with their union groups and dossier
--       duties, and the departments' members: proposals the board ends (delete) or keeps;
--     - the classes proposed: each class but the last grade's moves up a grade (10A1 → 11A1) with its
--       subjects and periods (its electives and topics are its own) and its homeroom teacher and subject
--       teachers; the first grade's classes are proposed again for the new intake, with this year's
--       subjects of the same class, and the teachers of the last grade's class of the same section (the
--       graduating 12A1 hands its teachers to the new 10A1), or else this year's of the same class;
--   a teacher is proposed only where their role was carried. Returns what it made.
--   Refused: anyone else (42501); a school without a current year; a next year already there (23505);
--   dates out of order or not after the current year's end (22023) — a sentence each, nothing made.
-- * rpc/open_school_year (the board; defined with the placement, 20261205041000): opens a prepared year.
--   Once open it is the school's current year from its first day.
-- * The membership trigger lets prepare_school_year carry roles the board could not grant by hand (its
--   own, BGH's): a transaction-local setting names the year being carried, set only inside the function
--   (PostgREST sets no custom settings from a request).
-- Everything is written through the audited tables, in the new year's audit chain.

alter table public.school_years
  add column opened_at timestamptz default private.app_now(),
  add column opened_by uuid references public.profiles (id) on delete restrict;
comment on column public.school_years.opened_at is
  'When the admin board opened the year; null while it is being prepared (only the board sees it and anything in it).';
comment on column public.school_years.opened_by is 'Who of the admin board opened the year (null for years opened before the cycle existed).';
create index school_years_opened_by_idx on public.school_years (opened_by);

-- The years being prepared (a handful, usually none).
create function private.unopened_year_ids() returns setof uuid
language sql stable security definer rows 2 set search_path = ''
as $$ select y.id from public.school_years y where y.opened_at is null $$;
revoke execute on function private.unopened_year_ids() from public, anon;
grant execute on function private.unopened_year_ids() to authenticated, service_role;

create or replace function private.my_year_ids(roles public.app_role[]) returns setof uuid
language plpgsql stable security definer rows 10 set search_path = ''
as $$ begin
  return query
  select m.school_year_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role = any (roles) and m.school_year_id is not null
    and (m.role = 'admin_board' or m.school_year_id not in (select private.unopened_year_ids()));
end $$;

create or replace function private.current_school_year_ids()
returns setof uuid
language plpgsql stable security definer rows 10 set search_path = ''
as $$
declare
  today constant date := public.app_today();
begin
  return query
  select distinct on (y.school_id) y.id
  from public.school_years y
  where y.starts_on <= today and y.opened_at is not null
  order by y.school_id, y.starts_on desc;
end $$;

create or replace function private.current_school_year_id(school uuid) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  today constant date := public.app_today();
begin
  return (select y.id from public.school_years y
          where y.school_id = school and y.starts_on <= today and y.opened_at is not null
          order by y.starts_on desc limit 1);
end $$;

alter policy school_years_select on public.school_years
  using (school_id in (select private.my_org_unit_ids())
         and (opened_at is not null or school_id in (select private.my_school_ids('{admin_board}'))));
comment on policy school_years_select on public.school_years is
  'Members of a school read its school years; a year being prepared only its admin board.';

create or replace function private.family_class_ids() returns setof uuid
language plpgsql stable security definer rows 5 set search_path = ''
as $$ begin
  return query
  select e.class_id from public.enrolments e
  where e.student_id in (
    select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
    union
    select s.id from public.students s where s.profile_id = (select auth.uid()))
    and e.school_year_id not in (select private.unopened_year_ids());
end $$;

alter policy enrolments_select on public.enrolments
  using ((school_id in (select private.my_school_ids(private.school_wide_student_roles()))
          or student_id in (select private.homeroom_student_ids())
          or student_id in (select private.taught_student_ids()))
         and (school_year_id not in (select private.unopened_year_ids())
              or school_id in (select private.my_school_ids('{admin_board}'))));
comment on policy enrolments_select on public.enrolments is
  'School-wide roles read the school''s enrolments, teachers those of the students they teach, families their own; an enrolment of a year being prepared only the admin board.';

alter policy memberships_select on public.memberships
  using ((profile_id = (select auth.uid())
          and (school_year_id is null or school_year_id not in (select private.unopened_year_ids())))
         or org_unit_id in (select private.my_school_ids('{admin_board,principal,vice_principal}'))
         or (role in ('principal', 'vice_principal') and org_unit_id in (select private.my_officer_school_ids())));
comment on policy memberships_select on public.memberships is
  'A person reads their own roles (not those of a year being prepared); the admin board and BGH read the roles of their school; a Phòng/Sở officer the BGH roles of the schools under it.';

-- As 20261122003105, but a role carried by prepare_school_year into the year it prepares passes.
create or replace function private.explain_membership_refusal() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or private.may_grant_membership(new.profile_id, new.org_unit_id, new.school_year_id, new.role)
     or (tg_op = 'INSERT' and current_setting('sdt.carrying_year', true) = new.school_year_id::text) then
    return new;
  end if;
  if new.role in ('district_officer', 'province_officer') then
    raise exception 'Vai trò cán bộ Phòng, Sở GD&ĐT không được gán ở đây.' using errcode = '42501';
  elsif new.profile_id = me then
    raise exception 'Bạn không thể tự gán hay sửa vai trò của chính mình.' using errcode = '42501';
  elsif private.school_year_ended(new.school_year_id) then
    raise exception 'Năm học này đã kết thúc: không gán hay sửa vai trò của năm học đã qua.' using errcode = '42501';
  elsif not private.may_manage_membership(new.profile_id, new.org_unit_id, new.school_year_id, new.role) then
    if new.role = any (private.bgh_roles()) then
      raise exception 'Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường bổ nhiệm, cho người của các trường trực thuộc.' using errcode = '42501';
    end if;
    raise exception 'Chỉ Ban quản trị của trường trong năm học này mới gán vai trò.' using errcode = '42501';
  elsif private.breaks_separation_of_duties(new.profile_id, new.school_year_id, new.role) then
    raise exception 'Một người không thể vừa thuộc Ban giám hiệu vừa thuộc Ban quản trị của trường trong cùng một năm học.' using errcode = '42501';
  elsif new.role = any (private.bgh_roles()) then
    raise exception 'Hiệu trưởng, Phó hiệu trưởng do Phòng hoặc Sở GD&ĐT quản lý trường bổ nhiệm, cho người của các trường trực thuộc.' using errcode = '42501';
  else
    raise exception 'Ban quản trị chỉ gán vai trò cho người của trường: người đã có vai trò ở trường hoặc tài khoản do Ban quản trị của trường tạo.' using errcode = '42501';
  end if;
end $$;

/** rpc/prepare_school_year: see the header. */
create function public.prepare_school_year(p_school_id uuid, p_starts_on date default null, p_semester1_ends_on date default null,
                                           p_semester2_starts_on date default null, p_ends_on date default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me constant uuid := (select auth.uid());
  cur public.school_years;
  nxt constant uuid := extensions.gen_random_uuid();
  v_code text;
  d_start date;
  d_s1_end date;
  d_s2_start date;
  d_end date;
  lowest int;
  highest int;
  c record;
  new_class uuid;
  n_roles int;
  n_classes int := 0;
  n_subjects int := 0;
  n_assignments int := 0;
  n_rows int;
begin
  if me is null or p_school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường chuẩn bị năm học mới.' using errcode = '42501';
  end if;
  select y.* into cur from public.school_years y where y.id = private.current_school_year_id(p_school_id);
  if not found then
    raise exception 'Trường chưa có năm học đang diễn ra để chuẩn bị năm học tiếp theo.' using errcode = '22023';
  end if;
  v_code := format('%s-%s', left(cur.code, 4)::int + 1, left(cur.code, 4)::int + 2);
  if exists (select 1 from public.school_years y where y.school_id = p_school_id and y.code = v_code) then
    raise exception 'Năm học % đã được tạo; hãy tiếp tục chuẩn bị năm học đó.', v_code using errcode = '23505';
  end if;
  d_start := coalesce(p_starts_on, (cur.starts_on + interval '1 year')::date);
  d_s1_end := coalesce(p_semester1_ends_on, (cur.semester1_ends_on + interval '1 year')::date);
  d_s2_start := coalesce(p_semester2_starts_on, (cur.semester2_starts_on + interval '1 year')::date);
  d_end := coalesce(p_ends_on, (cur.ends_on + interval '1 year')::date);
  if d_start <= cur.ends_on then
    raise exception 'Năm học % phải bắt đầu sau ngày kết thúc năm học % (%).', v_code, cur.code, to_char(cur.ends_on, 'DD/MM/YYYY')
      using errcode = '22023';
  end if;
  if not (d_start < d_s1_end and d_s1_end < d_s2_start and d_s2_start < d_end) then
    raise exception 'Các ngày của năm học phải theo thứ tự: ngày bắt đầu, ngày kết thúc học kỳ I, ngày bắt đầu học kỳ II, ngày kết thúc năm học.'
      using errcode = '22023';
  end if;

  insert into public.school_years (id, school_id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on, max_regular_assessments, opened_at)
  values (nxt, p_school_id, v_code, d_start, d_s1_end, d_s2_start, d_end, cur.max_regular_assessments, null);
  -- The test days one year on, inside the new dates.
  insert into public.assessment_periods (school_id, school_year_id, period, test_date)
  select p_school_id, nxt, a.period, least(greatest((a.test_date + interval '1 year')::date, d_start), d_end)
  from public.assessment_periods a where a.school_year_id = cur.id;

  -- The staff's roles and the departments' members, carried.
  perform set_config('sdt.carrying_year', nxt::text, true);
  insert into public.memberships (profile_id, org_unit_id, school_year_id, role, union_groups, dossier_duties)
  select m.profile_id, m.org_unit_id, nxt, m.role, m.union_groups, m.dossier_duties
  from public.memberships m
  where m.org_unit_id = p_school_id and m.school_year_id = cur.id and m.role = any (private.school_staff_roles());
  get diagnostics n_roles = row_count;
  perform set_config('sdt.carrying_year', '', true);
  insert into public.department_members (school_id, school_year_id, department_id, profile_id, is_head)
  select p_school_id, nxt, dm.department_id, dm.profile_id, dm.is_head
  from public.department_members dm where dm.school_year_id = cur.id;

  -- The classes: each cohort a grade up; the first grade again for the new intake.
  select min(k.grade), max(k.grade) into lowest, highest from public.classes k where k.school_year_id = cur.id;
  for c in
    select k.id, k.grade + 1 as grade, regexp_replace(k.name, '^[0-9]+', (k.grade + 1)::text) as name,
           k.id as subjects_from, k.id as teachers_from
    from public.classes k where k.school_year_id = cur.id and k.grade < highest
    union all
    select k.id, k.grade, k.name, k.id,
           coalesce((select g.id from public.classes g where g.school_year_id = cur.id and g.grade = highest and highest > lowest
                       and regexp_replace(g.name, '^[0-9]+', '') = regexp_replace(k.name, '^[0-9]+', '')), k.id)
    from public.classes k where k.school_year_id = cur.id and k.grade = lowest
    order by 2, 3
  loop
    new_class := extensions.gen_random_uuid();
    insert into public.classes (id, school_id, school_year_id, grade, name, homeroom_teacher_id)
    select new_class, p_school_id, nxt, c.grade, c.name,
           (select t.homeroom_teacher_id from public.classes t where t.id = c.teachers_from
              and exists (select 1 from public.memberships m where m.profile_id = t.homeroom_teacher_id and m.school_year_id = nxt
                            and m.role in ('homeroom_teacher', 'subject_teacher', 'dept_head', 'principal', 'vice_principal')));
    n_classes := n_classes + 1;
    insert into public.class_subjects (school_id, school_year_id, class_id, subject_id, periods_per_year)
    select p_school_id, nxt, new_class, s.subject_id, s.periods_per_year from public.class_subjects s where s.class_id = c.subjects_from;
    get diagnostics n_rows = row_count;
    n_subjects := n_subjects + n_rows;
    -- Each subject's teacher at the end of the year (the later of a semester change), where the new class
    -- has the subject and the teacher's role was carried.
    insert into public.teaching_assignments (school_id, school_year_id, class_id, subject_id, teacher_id)
    select p_school_id, nxt, new_class, a.subject_id, a.teacher_id
    from (select distinct on (t.subject_id) t.subject_id, t.teacher_id from public.teaching_assignments t
          where t.class_id = c.teachers_from and t.ended_at is null order by t.subject_id, t.to_semester desc, t.from_semester desc) a
    where exists (select 1 from public.class_subjects s where s.class_id = new_class and s.subject_id = a.subject_id)
      and exists (select 1 from public.memberships m where m.profile_id = a.teacher_id and m.school_year_id = nxt
                    and m.role in ('homeroom_teacher', 'subject_teacher', 'dept_head', 'principal', 'vice_principal'));
    get diagnostics n_rows = row_count;
    n_assignments := n_assignments + n_rows;
  end loop;

  return jsonb_build_object('school_year_id', nxt, 'code', v_code, 'starts_on', d_start, 'ends_on', d_end,
                            'roles', n_roles, 'classes', n_classes, 'class_subjects', n_subjects, 'assignments', n_assignments);
end $$;
revoke execute on function public.prepare_school_year(uuid, date, date, date, date) from public, anon;
grant execute on function public.prepare_school_year(uuid, date, date, date, date) to authenticated;
comment on function public.prepare_school_year(uuid, date, date, date, date) is
  'The admin board prepares the next school year (unopened): dates, test days, the staff''s roles, the classes a grade up with their subjects and teachers, the first grade again.';
