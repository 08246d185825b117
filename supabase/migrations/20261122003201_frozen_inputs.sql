-- What a frozen period's results are computed from is frozen with them (issue 11, finding 4). The lock
-- triggers (20261122002101, 002200) guard the entries, comments, conduct, attendance and quality
-- ratings; but the result views also read enrolments (who is in a class), class_subjects (what a class
-- takes and its periods, which set the number of ĐĐGtx an average needs), subject_exemptions, a class's
-- grade (TT27 tests), the subject catalogue (scored or comment-only, level, code), a school's level, a
-- year's semester dates, and page 1 of the TT27 transcript prints student_measures. The admin board,
-- a GVCN or the service role could change those and a locked result moved (an exemption made a locked
-- Toán average disappear). Now a write to any of them is refused, for every writer (the service role
-- and the owner included, as the lock triggers do), when a period it feeds is frozen:
--   * a row of one semester feeds that semester; a row of the whole year feeds both semesters and the
--     re-test period (semester null);
--   * exemptions and class subjects feed their subject's cell of the student's classes (a student with
--     no class that year: the school-wide scope); measures feed the conduct cell of semester II;
--   * enrolments, a class's grade, the year's dates and a school's level feed the whole class (any
--     subject); an enrolment only matters for a student who has gradebook data in that period, so a
--     newcomer can still be enrolled (their empty rows move no result, and entering their results needs
--     the unlock), while moving a student who has results, or ending an enrolment as a class change, is
--     refused;
--   * an update counts only when a column the results read changes (a note on an enrolment, an
--     exemption's reason, a value re-written unchanged pass).
-- Frozen means: the latest lock event covering the cell is a lock; or, with no event, the class's
-- results of that period are proposed, approved or published. The lawful change is the seeds' one: the
-- principal decides an unlock of that scope, the admin board posts the unlock event (which also opens
-- a published period for these rows, there being no correction procedure for them), the change is made
-- and audited, the admin board relocks. The refusal names the lock and says so, in Vietnamese (PT423).

-- Why a cell is frozen for the rows its results are computed from, or null. p_class_id null: the
-- school-wide scope; p_subject_id null: what lock events without a subject cover (conduct, the class).
-- Cost: one index scan over the year's lock events, one over the class's publications.
create function private.input_frozen(p_school_year_id uuid, p_semester int, p_class_id uuid, p_subject_id uuid) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  latest text;
  st public.publication_status;
begin
  select l.action into latest from public.gradebook_locks l
  where l.school_year_id = p_school_year_id and l.semester is not distinct from p_semester
    and (l.class_id is null or l.class_id = p_class_id) and (l.subject_id is null or l.subject_id = p_subject_id)
  order by l.id desc limit 1;
  if latest = 'lock' then
    return 'đã khoá';
  end if;
  if latest = 'unlock' or p_semester is null or p_class_id is null then
    return null;
  end if;
  select p.status into st from public.result_publications p
  where p.class_id = p_class_id and (p.semester = p_semester or p.semester is null) and p.status <> 'draft'
  order by p.status desc limit 1;
  if found then
    return case st when 'proposed' then 'kết quả đã trình duyệt' when 'approved' then 'kết quả đã được duyệt' else 'kết quả đã công bố' end;
  end if;
  return null;
end $$;
revoke execute on function private.input_frozen(uuid, int, uuid, uuid) from public, anon;
grant execute on function private.input_frozen(uuid, int, uuid, uuid) to authenticated, service_role;

-- Whether anything of a class's period is frozen: the class as a whole, or any subject a lock event
-- narrows to (then `subject_id` names it). Cost: input_frozen plus one lookup per subject-narrowed event.
create function private.period_frozen(p_school_year_id uuid, p_semester int, p_class_id uuid, out why text, out subject_id uuid)
language plpgsql stable security definer set search_path = ''
as $$ begin
  why := private.input_frozen(p_school_year_id, p_semester, p_class_id, null);
  if why is not null then
    return;
  end if;
  select x.subject_id into subject_id
  from (select distinct l.subject_id from public.gradebook_locks l
        where l.school_year_id = p_school_year_id and l.semester is not distinct from p_semester
          and (l.class_id is null or l.class_id = p_class_id) and l.subject_id is not null) x
  where private.gradebook_locked(p_school_year_id, p_semester, p_class_id, x.subject_id)
  limit 1;
  if subject_id is not null then
    why := 'đã khoá';
  end if;
end $$;
revoke execute on function private.period_frozen(uuid, int, uuid) from public, anon;
grant execute on function private.period_frozen(uuid, int, uuid) to authenticated, service_role;

-- Whether a student has any gradebook row of a period (semester null: re-tests and summer re-rating).
-- Cost: an index probe per table (each has a unique index leading with student_id).
create function private.has_gradebook_data(p_student_id uuid, p_school_year_id uuid, p_semester int) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.score_entries x where x.student_id = p_student_id and x.school_year_id = p_school_year_id and x.semester is not distinct from p_semester)
      or exists (select 1 from public.conduct_ratings x where x.student_id = p_student_id and x.school_year_id = p_school_year_id and x.semester is not distinct from p_semester)
      or exists (select 1 from public.attendance x where x.student_id = p_student_id and x.school_year_id = p_school_year_id and x.semester = p_semester)
      or exists (select 1 from public.subject_comments x where x.student_id = p_student_id and x.school_year_id = p_school_year_id and x.semester = p_semester)
      or exists (select 1 from public.quality_ratings x where x.student_id = p_student_id and x.school_year_id = p_school_year_id and x.semester = p_semester)
      or exists (select 1 from public.subject_exemptions x where x.student_id = p_student_id and x.school_year_id = p_school_year_id
                   and (x.semester is null or x.semester = p_semester))
      or exists (select 1 from public.student_measures x where x.student_id = p_student_id and x.school_year_id = p_school_year_id and p_semester = 2)
$$;
revoke execute on function private.has_gradebook_data(uuid, uuid, int) from public, anon;
grant execute on function private.has_gradebook_data(uuid, uuid, int) to authenticated, service_role;

-- Refuses (PT423) when one of the cells is frozen, naming the first in period, class and subject order.
-- p_any_subject: the cells stand for whole class periods (period_frozen), else for exact cells
-- (input_frozen). p_what: what the statement changes, as the message names it. Cost: one check per
-- distinct cell.
create function private.refuse_frozen_inputs(p_cells private.gradebook_cell[], p_any_subject boolean, p_what text) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  cell record;
  why text;
  subj uuid;
begin
  for cell in
    select distinct t.school_year_id, t.semester, t.class_id, t.subject_id, c.name as class_name, s.name as subject_name
    from unnest(p_cells) t
    left join public.classes c on c.id = t.class_id
    left join public.subjects s on s.id = t.subject_id
    order by t.semester nulls last, c.name nulls first, s.name nulls first
  loop
    if p_any_subject then
      select f.why, f.subject_id into why, subj from private.period_frozen(cell.school_year_id, cell.semester, cell.class_id) f;
    else
      why := private.input_frozen(cell.school_year_id, cell.semester, cell.class_id, cell.subject_id);
      subj := cell.subject_id;
    end if;
    continue when why is null;
    raise exception 'Sổ điểm % năm học % % (%): không thay đổi được % vì kết quả được tính từ đó. Muốn thay đổi, Hiệu trưởng quyết định mở khoá phạm vi này, Ban quản trị mở khoá, sửa rồi khoá lại.',
      case cell.semester when 1 then 'học kỳ I' when 2 then 'học kỳ II' else 'kiểm tra lại và rèn luyện hè' end,
      (select y.code from public.school_years y where y.id = cell.school_year_id), why,
      concat_ws(', ', coalesce('lớp ' || cell.class_name, 'toàn trường'), 'môn ' || (select s.name from public.subjects s where s.id = subj)),
      p_what
      using errcode = 'PT423';
  end loop;
end $$;
revoke execute on function private.refuse_frozen_inputs(private.gradebook_cell[], boolean, text) from public, anon, authenticated;

-- The statement trigger of every table results are computed from. tg_argv[0]: what the message names;
-- tg_argv[1..]: the columns the results read (an update touching none of them passes; enrolments use
-- the pseudo-column class_change, whether end_reason is 'class_change'). The changed rows, old and new,
-- are mapped to the cells they feed, table by table, and refused when one is frozen. Cost: one lookup
-- per distinct cell (a class list import: three per class), plus for enrolments an index probe per
-- student only in periods that are frozen.
create function private.refuse_frozen_input_writes() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  rows_in jsonb := '[]';
  columns text[] := tg_argv[1:];
  cells private.gradebook_cell[];
  any_subject boolean := false;
  periods constant smallint[] := array[1, 2, null]::smallint[];
begin
  -- The changed rows, as jsonb (each transition table exists only for its own events).
  if tg_op = 'INSERT' then
    select coalesce(jsonb_agg(to_jsonb(n)), '[]') into rows_in from new_rows n;
  elsif tg_op = 'DELETE' then
    select coalesce(jsonb_agg(to_jsonb(o)), '[]') into rows_in from old_rows o;
  else
    select coalesce(jsonb_agg(v.r), '[]') into rows_in
    from (select to_jsonb(o) || jsonb_build_object('class_change', to_jsonb(o) ->> 'end_reason' = 'class_change') as ro,
                 to_jsonb(n) || jsonb_build_object('class_change', to_jsonb(n) ->> 'end_reason' = 'class_change') as rn
          from old_rows o join new_rows n on n.id = o.id) p
    cross join lateral (values (p.ro), (p.rn)) v (r)
    where exists (select 1 from unnest(columns) k where p.ro -> k is distinct from p.rn -> k);
  end if;
  if jsonb_array_length(rows_in) = 0 then
    return null;
  end if;

  if tg_table_name = 'subject_exemptions' then
    select array_agg((r.school_year_id, p.semester, k.class_id, r.subject_id)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.subject_exemptions, rows_in) r
    cross join lateral unnest(case when r.semester is null then periods else array[r.semester::smallint] end) p (semester)
    cross join lateral (
      select e.class_id from public.enrolments e where e.student_id = r.student_id and e.school_year_id = r.school_year_id
      union all
      select null::uuid where not exists (select 1 from public.enrolments e where e.student_id = r.student_id and e.school_year_id = r.school_year_id)
    ) k;
  elsif tg_table_name = 'class_subjects' then
    select array_agg((r.school_year_id, p.semester, r.class_id, r.subject_id)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.class_subjects, rows_in) r cross join unnest(periods) p (semester);
  elsif tg_table_name = 'student_measures' then
    select array_agg((r.school_year_id, 2::smallint, r.class_id, null)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.student_measures, rows_in) r;
  elsif tg_table_name = 'enrolments' then
    any_subject := true;
    -- Frozen periods of the classes first (three checks per class), then the students with data there.
    with r as (
      select * from jsonb_populate_recordset(null::public.enrolments, rows_in)
    ), class_periods as (
      select distinct r.school_year_id, p.semester, r.class_id from r cross join unnest(periods) p (semester)
    ), frozen as (
      select cp.* from class_periods cp cross join lateral private.period_frozen(cp.school_year_id, cp.semester, cp.class_id) f
      where f.why is not null
    )
    select array_agg((f.school_year_id, f.semester, f.class_id, null)::private.gradebook_cell) into cells
    from frozen f join r on r.class_id = f.class_id and r.school_year_id = f.school_year_id
    where private.has_gradebook_data(r.student_id, r.school_year_id, f.semester);
  elsif tg_table_name = 'classes' then
    any_subject := true;
    select array_agg((r.school_year_id, p.semester, r.id, null)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.classes, rows_in) r cross join unnest(periods) p (semester);
  elsif tg_table_name = 'school_years' then
    any_subject := true;
    select array_agg((r.id, p.semester, k.class_id, null)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.school_years, rows_in) r cross join unnest(periods) p (semester)
    cross join lateral (select c.id as class_id from public.classes c where c.school_year_id = r.id union all select null::uuid) k;
  elsif tg_table_name = 'subjects' then
    select array_agg((cs.school_year_id, p.semester, cs.class_id, r.id)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.subjects, rows_in) r
    join public.class_subjects cs on cs.subject_id = r.id cross join unnest(periods) p (semester);
  elsif tg_table_name = 'org_units' then
    any_subject := true;
    select array_agg((c.school_year_id, p.semester, c.id, null)::private.gradebook_cell) into cells
    from jsonb_populate_recordset(null::public.org_units, rows_in) r
    join public.classes c on c.school_id = r.id cross join unnest(periods) p (semester);
  end if;
  if cells is not null then
    perform private.refuse_frozen_inputs(cells, any_subject, tg_argv[0]);
  end if;
  return null;
end $$;

do $$
declare
  t record;
begin
  for t in
    select * from (values
      ('subject_exemptions', 'miễn môn học', array['student_id', 'subject_id', 'school_year_id', 'semester'], true),
      ('class_subjects', 'môn học và số tiết của lớp', array['class_id', 'subject_id', 'school_year_id', 'periods_per_year'], true),
      ('student_measures', 'chiều cao, cân nặng', array['student_id', 'class_id', 'school_year_id', 'height_cm', 'weight_kg'], true),
      ('enrolments', 'xếp lớp', array['student_id', 'class_id', 'school_year_id', 'class_change'], true),
      ('classes', 'khối lớp', array['grade', 'school_year_id'], false),
      ('school_years', 'ngày học kỳ của năm học', array['starts_on', 'semester1_ends_on', 'semester2_starts_on', 'ends_on'], false),
      ('subjects', 'cách đánh giá của môn học', array['code', 'assessment_kind', 'category', 'school_level'], false),
      ('org_units', 'cấp học của trường', array['school_level'], false)
    ) v (tbl, what, compared, rows_come_and_go)
  loop
    -- (A trigger with transition tables cannot name columns: every update fires it, and it keeps the
    -- rows whose compared columns changed.)
    execute format('create trigger %1$s_freeze_update after update on public.%1$s referencing old table as old_rows new table as new_rows
                    for each statement execute function private.refuse_frozen_input_writes(%2$s)',
                   t.tbl, (select string_agg(quote_literal(a), ', ') from unnest(t.what || t.compared) a));
    -- Rows of these tables appear and disappear with the results (a class, a year, a subject or a school
    -- that is new changes no frozen result; deleting one that results use is refused by foreign keys).
    if t.rows_come_and_go then
      execute format('create trigger %1$s_freeze_insert after insert on public.%1$s referencing new table as new_rows
                      for each statement execute function private.refuse_frozen_input_writes(%2$L)', t.tbl, t.what);
      execute format('create trigger %1$s_freeze_delete after delete on public.%1$s referencing old table as old_rows
                      for each statement execute function private.refuse_frozen_input_writes(%2$L)', t.tbl, t.what);
    end if;
  end loop;
end $$;
