-- Province scale (issue 13): rpc/gradebook_progress (Tiến độ nhập điểm) counted every pupil's entries
-- of every sheet with one index probe per pupil and sheet: 17,000 probes and 90,000 heap rows for one
-- school's semester, then sorted the 17,000 pupil rows, each carrying the sheet's names, on disk (external
-- merge) before grouping them. 155 ms on the district preset, 276 ms on the province (school-001, p50).
--
-- Now:
-- * private.score_entry_counts keeps, per school year, semester, student and subject, the counts the
--   progress needs (regular, mid- and end-of-semester entries; TT27 levels and tests). Statement-level
--   triggers on score_entries add what each statement inserts and take away what it deletes, in one
--   grouped upsert per statement, so a save of a 42-cell column costs one upsert of ≤ 42 rows. The
--   counts are counts of rows any gradebook reader sees; they are read only inside this security-definer
--   function, after its own check of who asks, and nothing else reads them (private schema).
-- * Per sheet, the pupils are counted once (what every pupil owes is the same, so required and due are
--   that count times the sheet's). What they entered is summed per class and subject from the year's
--   counts, joined by hash to each pupil's class, before any sheet's figures are needed: a pupil's
--   capped regular count min(tx, cap) is the number of k ≤ cap with tx ≥ k, so the sums of tx ≥ 1 … 4
--   serve every cap. One pass over the year's counts, one grouped row per sheet, no per-pupil sort.
-- Province, school-001, semester I, in SQL as BGH: 276 ms before; 45 ms with the counts joined per
-- pupil and sheet; this form is measured in docs/SCALE.md.
-- Loads that bypass triggers (session_replication_role = replica: the demo seed, the generator) call
-- private.refresh_score_entry_counts(year) after their bulk insert.

create table private.score_entry_counts (
  school_year_id uuid not null,
  semester smallint not null,
  student_id uuid not null,
  subject_id uuid not null,
  tx int not null default 0,
  gk int not null default 0,
  ck int not null default 0,
  gk_level int not null default 0,
  ck_level int not null default 0,
  gk_test int not null default 0,
  ck_test int not null default 0,
  primary key (school_year_id, semester, student_id, subject_id)
);
comment on table private.score_entry_counts is
  'Per school year, semester (1, 2), student and subject: how many regular (tx), mid-semester (gk) and end-of-semester (ck) entries exist, and for TT27 how many gk/ck entries carry a level or a test score. Kept by the statement triggers of score_entries; read by rpc/gradebook_progress.';

-- The counts of the rows a statement wrote: +1 for each row of new_rows, −1 for each row of old_rows, one
-- grouped upsert. Groups whose counts do not change (an update of a score) write nothing. The same text
-- serves the three triggers (each sees only its own transition tables, so the source is chosen by
-- TG_OP and the statement run dynamically).
create function private.count_score_entries() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select 1 as sign, n.* from new_rows n'
    when 'DELETE' then 'select -1 as sign, o.* from old_rows o'
    else 'select 1 as sign, n.* from new_rows n union all select -1 as sign, o.* from old_rows o' end;
begin
  execute format($q$
    insert into private.score_entry_counts as c
      (school_year_id, semester, student_id, subject_id, tx, gk, ck, gk_level, ck_level, gk_test, ck_test)
    select g.* from (
      select d.school_year_id, d.semester, d.student_id, d.subject_id,
             sum(d.sign * (d.kind = 'tx')::int) as tx, sum(d.sign * (d.kind = 'gk')::int) as gk,
             sum(d.sign * (d.kind = 'ck')::int) as ck,
             sum(d.sign * (d.kind = 'gk' and d.level is not null)::int) as gk_level,
             sum(d.sign * (d.kind = 'ck' and d.level is not null)::int) as ck_level,
             sum(d.sign * (d.kind = 'gk' and d.score is not null)::int) as gk_test,
             sum(d.sign * (d.kind = 'ck' and d.score is not null)::int) as ck_test
      from (%s) d
      where d.semester is not null and d.kind in ('tx', 'gk', 'ck')
      group by d.school_year_id, d.semester, d.student_id, d.subject_id
    ) g
    where (g.tx, g.gk, g.ck, g.gk_level, g.ck_level, g.gk_test, g.ck_test) <> (0, 0, 0, 0, 0, 0, 0)
    -- One order for every statement, so two concurrent saves lock the rows they share in the same order.
    order by g.school_year_id, g.semester, g.student_id, g.subject_id
    on conflict (school_year_id, semester, student_id, subject_id) do update
    set tx = c.tx + excluded.tx, gk = c.gk + excluded.gk, ck = c.ck + excluded.ck,
        gk_level = c.gk_level + excluded.gk_level, ck_level = c.ck_level + excluded.ck_level,
        gk_test = c.gk_test + excluded.gk_test, ck_test = c.ck_test + excluded.ck_test
  $q$, src);
  return null;
end $$;
revoke execute on function private.count_score_entries() from public, anon, authenticated;

create trigger score_entries_count_insert after insert on public.score_entries
  referencing new table as new_rows for each statement execute function private.count_score_entries();
create trigger score_entries_count_update after update on public.score_entries
  referencing old table as old_rows new table as new_rows for each statement execute function private.count_score_entries();
create trigger score_entries_count_delete after delete on public.score_entries
  referencing old table as old_rows for each statement execute function private.count_score_entries();

-- The counts of one school year computed again from its entries: for loads that bypass triggers
-- (session_replication_role = replica), after their bulk insert. Cost: the year's entries.
create function private.refresh_score_entry_counts(p_school_year_id uuid) returns void
language sql volatile security definer set search_path = ''
as $$
  delete from private.score_entry_counts where school_year_id = p_school_year_id;
  insert into private.score_entry_counts
    (school_year_id, semester, student_id, subject_id, tx, gk, ck, gk_level, ck_level, gk_test, ck_test)
  select x.school_year_id, x.semester, x.student_id, x.subject_id,
         count(*) filter (where x.kind = 'tx'), count(*) filter (where x.kind = 'gk'), count(*) filter (where x.kind = 'ck'),
         count(*) filter (where x.kind = 'gk' and x.level is not null), count(*) filter (where x.kind = 'ck' and x.level is not null),
         count(*) filter (where x.kind = 'gk' and x.score is not null), count(*) filter (where x.kind = 'ck' and x.score is not null)
  from public.score_entries x
  where x.school_year_id = p_school_year_id and x.semester is not null and x.kind in ('tx', 'gk', 'ck')
  group by x.school_year_id, x.semester, x.student_id, x.subject_id
$$;
revoke execute on function private.refresh_score_entry_counts(uuid) from public, anon, authenticated;

-- Every year's counts from the entries already saved.
select private.refresh_score_entry_counts(y.id) from public.school_years y;

create or replace function public.gradebook_progress(p_school_year_id uuid, p_semester int)
returns table (class_id uuid, class_name text, grade int, subject_id uuid, subject_name text, regime text,
               teacher_id uuid, teacher_name text, students int, required int, done int, due int, overdue int)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  y record;
  dl public.school_deadlines;
  today date := public.app_today();
  now_vn timestamp := (now() at time zone 'Asia/Ho_Chi_Minh');
  sem_start date;
  sem_end date;
  weeks_total int;
  weeks_done int;
  first_deadline timestamp;
  gk_due boolean;
  ck_due boolean;
  school_wide boolean;
begin
  if p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  -- Who may ask first: an unknown year and another school's year answer the same.
  school_wide := (select auth.role()) = 'service_role'
    or p_school_year_id in (select private.my_year_ids('{principal,vice_principal,admin_board,clerk}'));
  if not school_wide and p_school_year_id not in (select private.my_year_ids(private.school_staff_roles())) then
    raise exception 'Bạn không thuộc trường của năm học này' using errcode = '42501';
  end if;
  select sy.*, o.school_level into y from public.school_years sy join public.org_units o on o.id = sy.school_id where sy.id = p_school_year_id;
  if not found then
    raise exception 'Không tìm thấy năm học' using errcode = '22023';
  end if;
  select * into dl from public.school_deadlines d where d.school_id = y.school_id;
  if not found then
    dl := row(y.school_id, 4, 5, 7, '23:59'::time, 14, null, now(), now())::public.school_deadlines;
  end if;
  sem_start := case p_semester when 1 then y.starts_on else y.semester2_starts_on end;
  sem_end := case p_semester when 1 then y.semester1_ends_on else y.ends_on end;
  -- The weekly deadline of the semester's first week, then every 7 days (Vietnam time).
  first_deadline := (sem_start + ((dl.regular_weekday - extract(isodow from sem_start)::int + 7) % 7)) + dl.regular_time;
  weeks_total := greatest(1, ((sem_end - sem_start) / 7) + 1);
  -- "Today" is the app's date (pinned for the demo) at the current Vietnam time of day.
  now_vn := today + (now_vn - date_trunc('day', now_vn));
  weeks_done := least(weeks_total, greatest(0, floor(extract(epoch from (now_vn - first_deadline)) / (7 * 86400))::int + 1));
  gk_due := exists (select 1 from public.assessment_periods a where a.school_year_id = p_school_year_id
                    and a.period = 'gk' || p_semester and a.test_date + dl.periodic_days < today);
  ck_due := exists (select 1 from public.assessment_periods a where a.school_year_id = p_school_year_id
                    and a.period = 'ck' || p_semester and a.test_date + dl.periodic_days < today);

  return query
  with sheets as (
    select c.id as class_id, c.name as class_name, c.grade, s.id as subject_id, s.name as subject_name, s.code, s.sort_order,
           case when s.school_level = 'primary' then 'tt27' else 'tt22' end as regime,
           public.required_regular_assessments(cs.periods_per_year) as req_tx,
           -- TT27: whether this sheet has a periodic test at the semester's gk and ck.
           s.school_level = 'primary' and public.tt27_test_required(s.code, c.grade, private.tt27_period(p_semester, 'gk')) as gk_test_req,
           s.school_level = 'primary' and public.tt27_test_required(s.code, c.grade, private.tt27_period(p_semester, 'ck')) as ck_test_req,
           a.teacher_id, p.full_name as teacher_name
    from public.classes c
    join public.class_subjects cs on cs.school_year_id = p_school_year_id and cs.class_id = c.id
    join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
    left join lateral (select t.teacher_id from public.teaching_assignments t
                       where t.class_id = c.id and t.subject_id = s.id and t.ended_at is null
                         and p_semester between t.from_semester and t.to_semester
                       order by t.created_at desc limit 1) a on true
    left join public.profiles p on p.id = a.teacher_id
    where c.school_year_id = p_school_year_id
      and (school_wide or a.teacher_id = (select auth.uid())
           or a.teacher_id in (select d.profile_id from private.my_department_teacher_ids() d where d.school_year_id = p_school_year_id))
  ), counts as materialized (
    -- The year's semester counts, read once by their key's prefix and joined by hash: the planner cannot
    -- estimate how many pupils the sheets have (a CTE), and with too low a guess it probes the counts
    -- once per pupil instead (17,000 probes).
    select n.student_id, n.subject_id, n.tx, n.gk, n.ck, n.gk_level, n.ck_level, n.gk_test, n.ck_test
    from private.score_entry_counts n
    where n.school_year_id = p_school_year_id and n.semester = p_semester
  ), pupils as materialized (
    -- The year's pupils and their class, by the year's index (a class's enrolments are of its year:
    -- enrolments_class_check).
    select e.class_id, e.student_id from public.enrolments e
    where e.school_year_id = p_school_year_id and e.end_reason is distinct from 'class_change'
  ), exempt as materialized (
    -- The semester's exemptions (few): a student exempt from a subject has no place on its sheet.
    select distinct x.student_id, x.subject_id from public.subject_exemptions x
    where x.school_year_id = p_school_year_id and (x.semester is null or x.semester = p_semester)
  ), class_size as (
    -- Per class, its pupils; per class and subject, those of them exempt from it. A sheet's pupils are
    -- the difference. Every pupil owes the same entries (required) and the same by today (due), so those
    -- sums are the sheet's pupils times what one owes.
    select e.class_id, count(*)::int as n from pupils e group by e.class_id
  ), exempt_count as (
    select e.class_id, x.subject_id, count(*)::int as n
    from pupils e join exempt x on x.student_id = e.student_id
    group by e.class_id, x.subject_id
  ), entered as (
    -- Per class and subject, what its pupils have entered, summed before any sheet's figures are needed:
    -- a pupil's capped regular count min(tx, cap) is the number of k = 1..cap with tx ≥ k, so the sums of
    -- (tx ≥ k) for k = 1..4 give every cap (TT22: at most 4 regular assessments are required). A pupil
    -- without entries adds nothing; pupils exempt from the subject are left out.
    select e.class_id, n.subject_id,
           sum((n.tx >= 1)::int) as tx1, sum((n.tx >= 2)::int) as tx2, sum((n.tx >= 3)::int) as tx3, sum((n.tx >= 4)::int) as tx4,
           sum(n.gk) as gk, sum(n.ck) as ck, sum((n.gk = 1)::int) as gk1, sum((n.ck = 1)::int) as ck1,
           sum(n.gk_level) as gk_level, sum(n.ck_level) as ck_level,
           sum((n.gk_level = 1)::int) as gk_level1, sum((n.ck_level = 1)::int) as ck_level1,
           sum((n.gk_test = 1)::int) as gk_test1, sum((n.ck_test = 1)::int) as ck_test1
    from counts n
    join pupils e on e.student_id = n.student_id
    where not exists (select 1 from exempt x where x.student_id = n.student_id and x.subject_id = n.subject_id)
    group by e.class_id, n.subject_id
  )
  select sh.class_id, sh.class_name, sh.grade, sh.subject_id, sh.subject_name, sh.regime, sh.teacher_id, sh.teacher_name,
         st.students, st.students * per.required, got.done,
         st.students * per.due, st.students * per.due - got.done_of_due
  from sheets sh
  left join class_size cz on cz.class_id = sh.class_id
  left join exempt_count xc on xc.class_id = sh.class_id and xc.subject_id = sh.subject_id
  left join entered en on en.class_id = sh.class_id and en.subject_id = sh.subject_id
  cross join lateral (select coalesce(cz.n, 0) - coalesce(xc.n, 0) as students) st
  cross join lateral (
    -- What one pupil of the sheet owes in the semester, and by today (cap: the regular assessments due).
    select case when sh.regime = 'tt22' then sh.req_tx + 2
                else 2 + sh.gk_test_req::int + sh.ck_test_req::int end as required,
           case when sh.regime = 'tt22' then (sh.req_tx * weeks_done / weeks_total) + gk_due::int + ck_due::int
                else gk_due::int * (1 + sh.gk_test_req::int) + ck_due::int * (1 + sh.ck_test_req::int) end as due,
           sh.req_tx * weeks_done / weeks_total as cap
  ) per
  cross join lateral (
    -- What the sheet's pupils entered, of all that is required and of what is due.
    select case when sh.regime = 'tt22'
                then coalesce((sh.req_tx >= 1)::int * en.tx1 + (sh.req_tx >= 2)::int * en.tx2 + (sh.req_tx >= 3)::int * en.tx3
                              + (sh.req_tx >= 4)::int * en.tx4 + en.gk + en.ck, 0)
                else coalesce(en.gk_level + en.ck_level + sh.gk_test_req::int * en.gk_test1 + sh.ck_test_req::int * en.ck_test1, 0)
           end::int as done,
           case when sh.regime = 'tt22'
                then coalesce((per.cap >= 1)::int * en.tx1 + (per.cap >= 2)::int * en.tx2 + (per.cap >= 3)::int * en.tx3
                              + (per.cap >= 4)::int * en.tx4 + gk_due::int * en.gk1 + ck_due::int * en.ck1, 0)
                else coalesce(gk_due::int * en.gk_level1 + ck_due::int * en.ck_level1
                              + gk_due::int * sh.gk_test_req::int * en.gk_test1 + ck_due::int * sh.ck_test_req::int * en.ck_test1, 0)
           end::int as done_of_due
  ) got
  order by sh.grade, sh.class_name, sh.sort_order;
end $$;
