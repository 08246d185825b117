-- Province scale (issue 13): the subject results are kept in a table instead of computed at every read.
--
-- Cause: public.subject_results (20261122002102) computed each result when read: per student, subject and
-- period one index probe into score_entries, one into subject_exemptions and the TT22 rules (PL/pgSQL)
-- on what they found. A GVCN's class summary (rpc/class_summary, 41 students × 12 subjects) spent 7.5 ms
-- of its 14 ms (as the owner, province, school-001 10A1, semester I) computing 492 subject results, and
-- every result screen (the sheet's averages, the transcript, the missing-results check) paid the same
-- per row. A class summary over HTTP was 26 / 34–40 ms (p50 / p95) against the 20 ms target.
--
-- Now:
-- * private.subject_results_computed is the old view's computation, unchanged: its text is taken from the
--   catalogue (pg_get_viewdef) with the read rule cut off, so nothing is retyped; the migration refuses a
--   definition whose rule is not the one expected.
-- * private.subject_results_kept holds its rows. Statement-level triggers on every table the computation
--   reads (score_entries, subject_exemptions, enrolments, class_subjects, subjects) recompute, at the end
--   of each statement, the rows of the (student, year[, subject]) the statement touched: a save of a
--   42-cell column recomputes 42 × 3 rows. Concurrent statements on the same student and year queue on
--   a transaction advisory lock (taken in one order), so a recomputation never misses a committed change
--   nor leaves two copies (today the school's audit chain head already queues every audited write of a
--   school; the lock keeps this true without it).
-- * The read rule moves from the view's WHERE to the table's policy, word for word: public.subject_results
--   is now a security-invoker view of the table, so every reader (class_summary, student_results, the
--   sheet, transcripts) sees exactly the rows it saw before, and no one more. Nothing is cached that RLS
--   would have filtered: the rule is applied at every read, as before.
-- * Loads that bypass triggers (session_replication_role = replica: the demo seed and the generator's
--   gradebook, a restore) call private.refill_subject_results(school, year) after their bulk insert.
--   tests/db/subject_results_kept.test.ts checks the kept rows equal the computation after the seed and
--   after each kind of write.

do $$
declare
  path text := current_setting('search_path');
  def text;
  at int;
  tail text;
begin
  -- With an empty search_path every name of the definition comes out schema-qualified.
  perform set_config('search_path', '', true);
  def := pg_get_viewdef('public.subject_results'::regclass);
  perform set_config('search_path', path, true);
  at := strpos(def, 'WHERE ((NOT exempt) AND ((');
  tail := substr(def, at);
  if at = 0 or tail not like '%private.reads_all_gradebooks()%' or tail not like '%private.my_school_ids(private.gradebook_school_roles())%'
     or tail not like '%private.taught_class_subjects()%' or tail not like '%private.homeroom_student_ids()%' then
    raise exception 'public.subject_results is not the view this migration expects: %', tail;
  end if;
  execute 'create view private.subject_results_computed as ' || left(def, at - 1) || 'WHERE (NOT exempt)';
end $$;
revoke all on private.subject_results_computed from public, anon, authenticated, service_role;
comment on view private.subject_results_computed is
  'The TT22 subject results computed from the gradebook (the rules of public.subject_results before 20261205100000), no read rule: read only by the definer functions that keep private.subject_results_kept.';

create table private.subject_results_kept as select * from private.subject_results_computed with no data;
create index subject_results_kept_student_idx on private.subject_results_kept (student_id, school_year_id, subject_id);
create index subject_results_kept_class_idx on private.subject_results_kept (class_id, semester, subject_id);
create index subject_results_kept_school_idx on private.subject_results_kept (school_id, school_year_id);
comment on table private.subject_results_kept is
  'The rows of private.subject_results_computed, kept by the statement triggers of the tables it reads; read through public.subject_results under its policy (the read rule of the gradebook''s results).';
alter table private.subject_results_kept enable row level security;
create policy subject_results_kept_select on private.subject_results_kept for select to authenticated
  using ((select private.reads_all_gradebooks())
         or school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or (class_id, subject_id) in (select t.class_id, t.subject_id from private.taught_class_subjects() t)
         or student_id in (select private.homeroom_student_ids()));
comment on policy subject_results_kept_select on private.subject_results_kept is
  'Who reads a subject result: the readers of its gradebook (the predicate of score_entries_select) — every gradebook reader of the school, the teacher of the class and subject, the GVCN of the student.';
revoke all on private.subject_results_kept from public, anon, authenticated, service_role;
grant select on private.subject_results_kept to authenticated, service_role;

/** Recomputes the kept rows of the (student, year, subject) triples given (subject null: all the student's
 *  subjects of that year), in one order under transaction advisory locks on (student, year). The rows are
 *  found by the distinct students and years (= any: pushed down to the enrolments' student index), then
 *  kept to the triples asked; a join to the triples themselves would let the planner compute the whole
 *  province's results for a subject and hash them (32 s for one 42-cell column). One generic plan per
 *  connection (planning the computation costs ~14 ms). */
create function private.refresh_subject_results(p_students uuid[], p_years uuid[], p_subjects uuid[]) returns void
language plpgsql volatile security definer set search_path = '' set plan_cache_mode = force_generic_plan as $$
declare
  students uuid[];
  years uuid[];
  subjects uuid[];
  every_subject boolean;
begin
  select array_agg(distinct u.s), array_agg(distinct u.y), coalesce(array_agg(distinct u.j) filter (where u.j is not null), '{}'),
         bool_or(u.j is null)
  into students, years, subjects, every_subject
  from unnest(p_students, p_years, p_subjects) u (s, y, j);
  perform pg_advisory_xact_lock(1305, k.h)
  from (select distinct hashtext(u.s::text || u.y::text) as h from unnest(p_students, p_years) u (s, y) order by 1) k;
  delete from private.subject_results_kept r
  where r.student_id = any (students) and r.school_year_id = any (years) and (every_subject or r.subject_id = any (subjects))
    and exists (select 1 from unnest(p_students, p_years, p_subjects) k (s, y, j)
                where k.s = r.student_id and k.y = r.school_year_id and (k.j is null or k.j = r.subject_id));
  insert into private.subject_results_kept
  select c.* from private.subject_results_computed c
  where c.student_id = any (students) and c.school_year_id = any (years) and (every_subject or c.subject_id = any (subjects))
    and exists (select 1 from unnest(p_students, p_years, p_subjects) k (s, y, j)
                where k.s = c.student_id and k.y = c.school_year_id and (k.j is null or k.j = c.subject_id));
end $$;
revoke execute on function private.refresh_subject_results(uuid[], uuid[], uuid[]) from public, anon, authenticated;

/** The kept rows of a school, or of one school year (a year is one school's), or of everything (both null)
 *  computed again, for loads that bypass triggers. Cost: the computation of every row. */
create function private.refill_subject_results(p_school_id uuid, p_school_year_id uuid default null) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_school_id is null and p_school_year_id is not null then
    select y.school_id into p_school_id from public.school_years y where y.id = p_school_year_id;
  end if;
  delete from private.subject_results_kept r
  where (p_school_id is null or r.school_id = p_school_id) and (p_school_year_id is null or r.school_year_id = p_school_year_id);
  insert into private.subject_results_kept
  select c.* from private.subject_results_computed c
  where (p_school_id is null or c.school_id = p_school_id) and (p_school_year_id is null or c.school_year_id = p_school_year_id);
end $$;
revoke execute on function private.refill_subject_results(uuid, uuid) from public, anon, authenticated;

/** The statement triggers: which (student, year, subject) a statement's rows touch, per table read by
 *  the computation; one recomputation per statement. */
create function private.keep_subject_results() returns trigger
language plpgsql volatile security definer set search_path = '' as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select * from new_rows'
    when 'DELETE' then 'select * from old_rows'
    else 'select * from new_rows union all select * from old_rows' end;
  keys text := case tg_table_name
    when 'score_entries' then 'select d.student_id, d.school_year_id, d.subject_id from (%s) d'
    when 'subject_exemptions' then 'select d.student_id, d.school_year_id, d.subject_id from (%s) d'
    when 'enrolments' then 'select d.student_id, d.school_year_id, null::uuid from (%s) d'
    when 'class_subjects' then 'select e.student_id, e.school_year_id, d.subject_id from (%s) d join public.enrolments e on e.class_id = d.class_id'
    when 'subjects' then 'select e.student_id, e.school_year_id, d.id from (%s) d join public.class_subjects cs on cs.subject_id = d.id
                          join public.enrolments e on e.class_id = cs.class_id' end;
  s uuid[];
  y uuid[];
  j uuid[];
begin
  execute format('select array_agg(k.student_id), array_agg(k.school_year_id), array_agg(k.subject_id)
                  from (select distinct * from (' || keys || ') t (student_id, school_year_id, subject_id)) k', src)
    into s, y, j;
  if s is not null then
    perform private.refresh_subject_results(s, y, j);
  end if;
  return null;
end $$;
revoke execute on function private.keep_subject_results() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['score_entries', 'subject_exemptions', 'enrolments', 'class_subjects'] loop
    execute format('create trigger %1$s_keep_results_insert after insert on public.%1$s
                    referencing new table as new_rows for each statement execute function private.keep_subject_results()', t);
    execute format('create trigger %1$s_keep_results_update after update on public.%1$s
                    referencing old table as old_rows new table as new_rows for each statement execute function private.keep_subject_results()', t);
    execute format('create trigger %1$s_keep_results_delete after delete on public.%1$s
                    referencing old table as old_rows for each statement execute function private.keep_subject_results()', t);
  end loop;
end $$;
-- A subject's kind, category or level decides whether and how its results are computed (inserted
-- subjects are in no class yet; deleting one in use is refused by the foreign keys).
create trigger subjects_keep_results_update after update on public.subjects
  referencing old table as old_rows new table as new_rows for each statement execute function private.keep_subject_results();

select private.refill_subject_results(null);

create or replace view public.subject_results with (security_invoker = true) as
select r.student_id, r.school_id, r.school_year_id, r.class_id, r.subject_id, r.semester, r.assessment_kind,
       r.average, r.rating, r.retest_score, r.retest_rating, r.final_average, r.final_rating
from private.subject_results_kept r;
comment on view public.subject_results is
  'ĐTBmhk / ĐTBmcn (scored) or Đạt / Chưa đạt (comment) per student, class, subject and semester (null = the year), with the re-test (Kiểm tra lại) and the final value after it; exempt periods omitted. Kept by triggers (private.subject_results_kept, 20261205100000) from the TT22 rules; read by the readers of the gradebook (the table''s policy).';

-- A restore replaces a school's rows with triggers off: its kept results are computed again with its counts.
create or replace function public.restore_apply(p_request_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.restore_requests;
  b public.backups;
  replaced jsonb;
  y uuid;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước khôi phục.' using errcode = '42501';
  end if;
  select * into r from public.restore_requests where id = p_request_id for update;
  if r.status <> 'checked' then
    return jsonb_build_object('status', r.status);
  end if;
  select * into b from public.backups where id = r.backup_id;
  perform 1 from public.org_units o where o.id = r.school_id for update;
  replaced := private.restore_replace(r.school_id, private.restore_schema(p_request_id));
  for y in select s.id from public.school_years s where s.school_id = r.school_id loop
    perform private.refresh_score_entry_counts(y);
  end loop;
  perform private.refill_subject_results(r.school_id);
  perform private.drop_restore_schema(p_request_id);
  update public.restore_requests
  set status = 'applied', applied_at = private.app_now(),
      report = report || jsonb_build_object('applied', jsonb_build_object('backup', b.label, 'snapshot_at', b.snapshot_at,
                                                                            'manifest_sha256', b.manifest_sha256, 'tables', replaced))
  where id = p_request_id returning * into r;
  return jsonb_build_object('status', r.status);
end $$;
