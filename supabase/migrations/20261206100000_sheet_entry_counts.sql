-- Province scale (issue 13): Tiến độ nhập điểm (rpc/gradebook_progress) sums kept per sheet, not per pupil.
--
-- Cause: the progress of a school's semester summed, at every read, what each pupil of the year entered
-- per subject (private.score_entry_counts, 20261203000200): 17,268 rows on the province's school-001
-- (1,439 pupils × 12 subjects), joined by hash to each pupil's class and grouped into 432 sheets. That
-- join and aggregation were 17 of the query's 28 ms in SQL (as the owner, semester I), 40–60 ms p95 over
-- HTTP on this machine against the 50 ms target, and it grows with the school's pupils.
--
-- Now:
-- * private.sheet_entry_counts keeps, per school year, semester, class and subject, the sums the
--   progress reads (pupils with ≥ 1 … ≥ 4 regular entries, mid- and end-of-semester entries, TT27 levels
--   and tests) over every pupil of the class (enrolments not ended by a class change): 432 rows for
--   that school's semester instead of 17,268. private.sheet_entry_counts_computed is their definition;
--   the kept rows of a class are that view's rows for the class.
-- * Pupils exempt from a subject are taken away at the read (their own counts, by key; exemptions are
--   few), so exemptions need no trigger and the kept sums do not depend on them.
-- * Statement-level triggers recompute the sheets of every class a statement touched: on
--   private.score_entry_counts (itself kept by the triggers of score_entries: a save of a 42-cell column
--   recomputes its class's sheets, ~40 pupils × 2 semesters × 12 subjects) and on public.enrolments
--   (a pupil's class). Concurrent statements on the same class queue on a transaction advisory lock
--   taken in one order, so a recomputation sees every committed change and never inserts a row twice;
--   every statement takes it before the kept results' lock (20261205100000), see the triggers' names.
-- * Loads that bypass triggers already call private.refresh_score_entry_counts(year) (the demo seed, the
--   generator, a restore); it now refills the year's sheets too.
-- * Nothing is cached that RLS would filter: like score_entry_counts, the sums are read only inside the
--   security-definer progress functions, after their own check of who asks (private schema, no grant).
-- tests/db/sheet_entry_counts.test.ts: the kept sums equal their definition after the seed and after
-- each kind of write, and the progress answers equal an independent count of the entries.

create view private.sheet_entry_counts_computed as
select e.school_year_id, n.semester, e.class_id, n.subject_id,
       count(*) filter (where n.tx >= 1)::int as tx1, count(*) filter (where n.tx >= 2)::int as tx2,
       count(*) filter (where n.tx >= 3)::int as tx3, count(*) filter (where n.tx >= 4)::int as tx4,
       sum(n.gk)::int as gk, sum(n.ck)::int as ck,
       count(*) filter (where n.gk = 1)::int as gk1, count(*) filter (where n.ck = 1)::int as ck1,
       sum(n.gk_level)::int as gk_level, sum(n.ck_level)::int as ck_level,
       count(*) filter (where n.gk_level = 1)::int as gk_level1, count(*) filter (where n.ck_level = 1)::int as ck_level1,
       count(*) filter (where n.gk_test = 1)::int as gk_test1, count(*) filter (where n.ck_test = 1)::int as ck_test1
from public.enrolments e
-- semester in (1, 2): the counts' key is (year, semester, student, subject); both semesters named, a
-- pupil's counts are found by two index descents instead of a walk over the year's.
join private.score_entry_counts n on n.school_year_id = e.school_year_id and n.semester in (1, 2) and n.student_id = e.student_id
where e.end_reason is distinct from 'class_change'
group by e.school_year_id, n.semester, e.class_id, n.subject_id;
revoke all on private.sheet_entry_counts_computed from public, anon, authenticated, service_role;
comment on view private.sheet_entry_counts_computed is
  'Per school year, semester, class and subject: the sums of private.score_entry_counts over the class''s pupils (enrolments not ended by a class change) that rpc/gradebook_progress reads. The definition of private.sheet_entry_counts.';

create table private.sheet_entry_counts as select * from private.sheet_entry_counts_computed with no data;
alter table private.sheet_entry_counts add primary key (school_year_id, semester, class_id, subject_id);
create index sheet_entry_counts_class_idx on private.sheet_entry_counts (class_id);
revoke all on private.sheet_entry_counts from public, anon, authenticated, service_role;
comment on table private.sheet_entry_counts is
  'The rows of private.sheet_entry_counts_computed, kept by the statement triggers of private.score_entry_counts and public.enrolments; read by private.gradebook_progress_rows (security definer, after its caller''s check of who asks).';

/** The kept sheets of the given classes computed again (every subject, both semesters), under transaction
 *  advisory locks on the classes taken in one order. One generic plan per connection. */
create function private.refresh_sheet_entry_counts(p_classes uuid[]) returns void
language plpgsql volatile security definer set search_path = '' set plan_cache_mode = force_generic_plan as $$
begin
  perform pg_advisory_xact_lock(1306, k.h)
  from (select distinct hashtext(c::text) as h from unnest(p_classes) c order by 1) k;
  delete from private.sheet_entry_counts k where k.class_id = any (p_classes);
  insert into private.sheet_entry_counts select c.* from private.sheet_entry_counts_computed c where c.class_id = any (p_classes);
end $$;
revoke execute on function private.refresh_sheet_entry_counts(uuid[]) from public, anon, authenticated;

/** A school year's kept sheets computed again, for loads that bypass triggers. */
create function private.refill_sheet_entry_counts(p_school_year_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  delete from private.sheet_entry_counts where school_year_id = p_school_year_id;
  insert into private.sheet_entry_counts select c.* from private.sheet_entry_counts_computed c where c.school_year_id = p_school_year_id;
$$;
revoke execute on function private.refill_sheet_entry_counts(uuid) from public, anon, authenticated;

/** The statement triggers: the classes whose pupils' counts, or whose enrolments, a statement touched. */
create function private.keep_sheet_entry_counts() returns trigger
language plpgsql volatile security definer set search_path = '' as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select * from new_rows'
    when 'DELETE' then 'select * from old_rows'
    else 'select * from new_rows union all select * from old_rows' end;
  classes uuid[];
begin
  if tg_table_name = 'enrolments' then
    execute format('select array_agg(distinct d.class_id) from (%s) d', src) into classes;
  else
    execute format('select array_agg(distinct e.class_id) from (select distinct d.school_year_id, d.student_id from (%s) d) d
                    join public.enrolments e on e.student_id = d.student_id and e.school_year_id = d.school_year_id
                    where e.end_reason is distinct from %L', src, 'class_change') into classes;
  end if;
  if classes is not null then
    perform private.refresh_sheet_entry_counts(classes);
  end if;
  return null;
end $$;
revoke execute on function private.keep_sheet_entry_counts() from public, anon, authenticated;

create trigger score_entry_counts_keep_sheets_insert after insert on private.score_entry_counts
  referencing new table as new_rows for each statement execute function private.keep_sheet_entry_counts();
create trigger score_entry_counts_keep_sheets_update after update on private.score_entry_counts
  referencing old table as old_rows new table as new_rows for each statement execute function private.keep_sheet_entry_counts();
create trigger score_entry_counts_keep_sheets_delete after delete on private.score_entry_counts
  referencing old table as old_rows for each statement execute function private.keep_sheet_entry_counts();
-- Named to fire before enrolments_keep_results_* (triggers fire in name order): every statement takes the
-- sheets' lock (per class) before the results' (per student), as a save of entries does (its counts
-- trigger, score_entries_count_*, fires before score_entries_keep_results_*), so two writers never wait
-- on each other's locks in opposite orders.
create trigger enrolments_count_sheets_insert after insert on public.enrolments
  referencing new table as new_rows for each statement execute function private.keep_sheet_entry_counts();
create trigger enrolments_count_sheets_update after update on public.enrolments
  referencing old table as old_rows new table as new_rows for each statement execute function private.keep_sheet_entry_counts();
create trigger enrolments_count_sheets_delete after delete on public.enrolments
  referencing old table as old_rows for each statement execute function private.keep_sheet_entry_counts();

-- Loads that bypass triggers call this after their bulk insert: the year's sheets follow its counts.
create or replace function private.refresh_score_entry_counts(p_school_year_id uuid) returns void
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
  group by x.school_year_id, x.semester, x.student_id, x.subject_id;
  select private.refill_sheet_entry_counts(p_school_year_id);
$$;

select private.refill_sheet_entry_counts(y.id) from public.school_years y;

-- ───────────── the progress rows read the kept sums (the rest of the body unchanged) ─────────────
create or replace function private.gradebook_progress_rows(p_school_year_id uuid, p_semester int, p_all boolean)
returns table (class_id uuid, class_name text, grade int, subject_id uuid, subject_name text, regime text,
               teacher_id uuid, teacher_name text, students int, required int, done int, due int, overdue int)
language plpgsql stable set search_path = ''
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
begin
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
      and (p_all or a.teacher_id = (select auth.uid())
           or a.teacher_id in (select d.profile_id from private.my_department_teacher_ids() d where d.school_year_id = p_school_year_id))
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
    -- Per class and subject, what its pupils have entered: the kept sums of every pupil of the class
    -- (private.sheet_entry_counts), less what the pupils exempt from the subject entered (few: their own
    -- counts, by key). A pupil's capped regular count min(tx, cap) is the number of k = 1..cap with
    -- tx ≥ k, so the sums of (tx ≥ k) for k = 1..4 give every cap (TT22: at most 4 regular assessments
    -- are required). A pupil without entries adds nothing.
    select d.class_id, d.subject_id,
           sum(d.tx1) as tx1, sum(d.tx2) as tx2, sum(d.tx3) as tx3, sum(d.tx4) as tx4,
           sum(d.gk) as gk, sum(d.ck) as ck, sum(d.gk1) as gk1, sum(d.ck1) as ck1,
           sum(d.gk_level) as gk_level, sum(d.ck_level) as ck_level, sum(d.gk_level1) as gk_level1, sum(d.ck_level1) as ck_level1,
           sum(d.gk_test1) as gk_test1, sum(d.ck_test1) as ck_test1
    from (
      select k.class_id, k.subject_id, k.tx1, k.tx2, k.tx3, k.tx4, k.gk, k.ck, k.gk1, k.ck1,
             k.gk_level, k.ck_level, k.gk_level1, k.ck_level1, k.gk_test1, k.ck_test1
      from private.sheet_entry_counts k
      where k.school_year_id = p_school_year_id and k.semester = p_semester
      union all
      select e.class_id, n.subject_id, -(n.tx >= 1)::int, -(n.tx >= 2)::int, -(n.tx >= 3)::int, -(n.tx >= 4)::int,
             -n.gk, -n.ck, -(n.gk = 1)::int, -(n.ck = 1)::int, -n.gk_level, -n.ck_level,
             -(n.gk_level = 1)::int, -(n.ck_level = 1)::int, -(n.gk_test = 1)::int, -(n.ck_test = 1)::int
      from exempt x
      join pupils e on e.student_id = x.student_id
      join private.score_entry_counts n on n.school_year_id = p_school_year_id and n.semester = p_semester
                                        and n.student_id = x.student_id and n.subject_id = x.subject_id
    ) d
    group by d.class_id, d.subject_id
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
revoke execute on function private.gradebook_progress_rows(uuid, int, boolean) from public, anon, authenticated;
comment on function private.gradebook_progress_rows(uuid, int, boolean) is
  'The rows of rpc/gradebook_progress for a school year and semester: every sheet (p_all) or those of the caller and their department. No check of who asks: called by security-definer RPCs after theirs.';
