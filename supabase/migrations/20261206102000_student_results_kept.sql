-- Province scale (issue 13): the student results (học lực / kết quả học tập, rèn luyện, absences,
-- promotion, award) are kept in a table, as the subject results are since 20261205100000.
--
-- Cause: public.student_results computed, at every read, each student's period rows from their subject
-- results (grouped, then the TT22 rules in PL/pgSQL), their conduct ratings and their absences. A GVCN's
-- year summary (rpc/class_summary, 41 students) spent most of its SQL there: 13 of 15 ms as the owner on
-- the province's school-001 10A1 (the machine busy), 18–20 ms p95 over HTTP against the 20 ms target.
--
-- Now:
-- * private.student_results_computed is the view's computation, unchanged: its text is taken from the
--   catalogue (pg_get_viewdef) with its read rule cut out of it, so nothing is retyped; the migration
--   refuses a definition whose rule is not the one expected.
-- * private.student_results_kept holds its rows, recomputed per (student, year) — every period of it —
--   when what they are computed from changes: the kept subject results (private.refresh_subject_results
--   now ends by recomputing the students it recomputed), conduct_ratings and attendance (statement
--   triggers). Under a transaction advisory lock per (student, year) taken after the subject results'
--   lock, in one order.
-- * The read rule becomes the table's policy, word for word. It was applied to every subject result
--   before grouping; its arms (every gradebook reader, the school's gradebook roles, the student's GVCN)
--   depend only on the student and the school, so a student's rows were all kept or all left out, as
--   they are now. public.student_results is a security-invoker view of the table: every reader sees the
--   rows it saw before (tests/db/student_results_kept.test.ts compares, account by account, with the
--   former view rebuilt from the computation and its rule).
-- * Loads that bypass triggers call private.refill_subject_results(school, year) (the seed, the
--   generator, a restore); it now refills the student results of the same school or year.

do $$
declare
  path text := current_setting('search_path');
  def text;
  rule text := '          WHERE (( SELECT private.reads_all_gradebooks() AS reads_all_gradebooks) OR (r.school_id IN ( SELECT private.my_school_ids(private.gradebook_school_roles()) AS my_school_ids)) OR (r.student_id IN ( SELECT private.homeroom_student_ids() AS homeroom_student_ids)))' || chr(10);
begin
  -- With an empty search_path every name of the definition comes out schema-qualified.
  perform set_config('search_path', '', true);
  def := pg_get_viewdef('public.student_results'::regclass);
  perform set_config('search_path', path, true);
  if length(def) - length(replace(def, rule, '')) <> length(rule) then  -- the rule, exactly once
    raise exception 'public.student_results is not the view this migration expects: %', def;
  end if;
  execute 'create view private.student_results_computed as ' || replace(def, rule, '');
end $$;
revoke all on private.student_results_computed from public, anon, authenticated, service_role;
comment on view private.student_results_computed is
  'The TT22 student results (period rows: learning and conduct levels, absences, promotion, award, the subjects'' results) computed from the kept subject results, conduct ratings and attendance — the rules of public.student_results before 20261206102000, no read rule: read only by the definer functions that keep private.student_results_kept.';

create table private.student_results_kept as select * from private.student_results_computed with no data;
create index student_results_kept_student_idx on private.student_results_kept (student_id, school_year_id);
create index student_results_kept_class_idx on private.student_results_kept (class_id, semester);
create index student_results_kept_school_idx on private.student_results_kept (school_id, school_year_id);
comment on table private.student_results_kept is
  'The rows of private.student_results_computed, kept by private.refresh_subject_results and the statement triggers of conduct_ratings and attendance; read through public.student_results under its policy (the read rule of the gradebook''s results).';
alter table private.student_results_kept enable row level security;
create policy student_results_kept_select on private.student_results_kept for select to authenticated
  using ((select private.reads_all_gradebooks())
         or school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or student_id in (select private.homeroom_student_ids()));
comment on policy student_results_kept_select on private.student_results_kept is
  'Who reads a student''s results: every gradebook reader, the gradebook roles of the student''s school, the student''s GVCN (the former WHERE of public.student_results).';
revoke all on private.student_results_kept from public, anon, authenticated, service_role;
grant select on private.student_results_kept to authenticated, service_role;

/** Recomputes the kept rows (every period) of the (student, year) pairs given, under transaction advisory
 *  locks on the pairs taken in one order. Rows found by the distinct students and years (= any: the
 *  kept subject results' student index), kept to the pairs asked. One generic plan per connection. */
create function private.refresh_student_results(p_students uuid[], p_years uuid[]) returns void
language plpgsql volatile security definer set search_path = '' set plan_cache_mode = force_generic_plan as $$
declare
  students uuid[];
  years uuid[];
begin
  select array_agg(distinct u.s), array_agg(distinct u.y) into students, years from unnest(p_students, p_years) u (s, y);
  perform pg_advisory_xact_lock(1308, k.h)
  from (select distinct hashtext(u.s::text || u.y::text) as h from unnest(p_students, p_years) u (s, y) order by 1) k;
  delete from private.student_results_kept r
  where r.student_id = any (students) and r.school_year_id = any (years)
    and exists (select 1 from unnest(p_students, p_years) k (s, y) where k.s = r.student_id and k.y = r.school_year_id);
  insert into private.student_results_kept
  select c.* from private.student_results_computed c
  where c.student_id = any (students) and c.school_year_id = any (years)
    and exists (select 1 from unnest(p_students, p_years) k (s, y) where k.s = c.student_id and k.y = c.school_year_id);
end $$;
revoke execute on function private.refresh_student_results(uuid[], uuid[]) from public, anon, authenticated;

/** The statement triggers of conduct_ratings and attendance: the (student, year) of the rows written. */
create function private.keep_student_results() returns trigger
language plpgsql volatile security definer set search_path = '' as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select * from new_rows'
    when 'DELETE' then 'select * from old_rows'
    else 'select * from new_rows union all select * from old_rows' end;
  s uuid[];
  y uuid[];
begin
  execute format('select array_agg(k.student_id), array_agg(k.school_year_id)
                  from (select distinct d.student_id, d.school_year_id from (%s) d) k', src) into s, y;
  if s is not null then
    perform private.refresh_student_results(s, y);
  end if;
  return null;
end $$;
revoke execute on function private.keep_student_results() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['conduct_ratings', 'attendance'] loop
    execute format('create trigger %1$s_keep_student_results_insert after insert on public.%1$s
                    referencing new table as new_rows for each statement execute function private.keep_student_results()', t);
    execute format('create trigger %1$s_keep_student_results_update after update on public.%1$s
                    referencing old table as old_rows new table as new_rows for each statement execute function private.keep_student_results()', t);
    execute format('create trigger %1$s_keep_student_results_delete after delete on public.%1$s
                    referencing old table as old_rows for each statement execute function private.keep_student_results()', t);
  end loop;
end $$;

-- The subject results' recomputation (20261205100000) ends by recomputing its students' results.
create or replace function private.refresh_subject_results(p_students uuid[], p_years uuid[], p_subjects uuid[]) returns void
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
  perform private.refresh_student_results(p_students, p_years);
end $$;

-- Loads that bypass triggers: the student results of the same school or year follow the subject results.
create or replace function private.refill_subject_results(p_school_id uuid, p_school_year_id uuid default null) returns void
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
  delete from private.student_results_kept r
  where (p_school_id is null or r.school_id = p_school_id) and (p_school_year_id is null or r.school_year_id = p_school_year_id);
  insert into private.student_results_kept
  select c.* from private.student_results_computed c
  where (p_school_id is null or c.school_id = p_school_id) and (p_school_year_id is null or c.school_year_id = p_school_year_id);
end $$;

insert into private.student_results_kept select * from private.student_results_computed;

create or replace view public.student_results with (security_invoker = true) as
select r.* from private.student_results_kept r;
comment on view public.student_results is
  'Kết quả học tập và rèn luyện (TT22) per student, year and semester (null = the year): learning level, conduct level, absences; year rows add the levels after re-test and summer training, promotion (promoted / retest / summer_training / not_promoted) and award (xuat_sac / gioi); subjects = {subject_id: {average, rating, final_average, final_rating}} as in subject_results. Kept by triggers (private.student_results_kept, 20261206102000); read by BGH, the admin board, the clerk and the GVCN (the table''s policy).';
