-- Province scale (issue 13): rpc/school_summaries (Tổng hợp trường, an officer's first screen) reads each
-- school year's counts kept in a table instead of counting them at every read.
--
-- Cause: per school it counted the current year's classes, open enrolments (from the index alone since
-- 20261203000400) and teachers. For a Sở that is every enrolment of the province: 288,000 index entries
-- on the province preset, 24 of the query's 26 ms (as the officer, warm) and 39–51 ms p95 over HTTP
-- against the 50 ms target — and it grows linearly with the province's pupils (≈ 80 ms at 1 M).
--
-- Now:
-- * private.school_year_counts keeps, per school year, the three figures, exactly as the RPC counted them
--   (private.school_year_counts_computed is their definition, the RPC's former subqueries): one row per
--   school read per school, whatever the school's size.
-- * Statement-level triggers on classes, enrolments and memberships recompute the counts of every school
--   year a statement touched (each an index count of one school's year), under a transaction advisory
--   lock per year taken in one order, so two concurrent statements never keep a count that misses the
--   other's committed rows.
-- * Loads that bypass triggers (a restore) call private.refresh_score_entry_counts(year) for every year
--   they load; it now recomputes the year's counts too (with its progress sums, 20261206100000).
-- * Nothing is cached that RLS would filter: the counts are read only inside this security-definer RPC,
--   after its own rule of which schools the caller oversees (unchanged), and are counts only.
-- tests/db/school_year_counts.test.ts: the kept counts equal their definition after the seed and after
-- each kind of write, and the RPC answers them.

create view private.school_year_counts_computed as
select y.id as school_year_id,
       (select count(*) from public.classes c where c.school_year_id = y.id)::int as classes,
       -- One open enrolment per student and year (enrolments_open_idx): the open enrolments are the students.
       (select count(*) from public.enrolments e where e.school_year_id = y.id and e.ended_on is null)::int as students,
       (select count(distinct m.profile_id) from public.memberships m
         where m.school_year_id = y.id and m.role in ('subject_teacher', 'homeroom_teacher'))::int as teachers
from public.school_years y;
revoke all on private.school_year_counts_computed from public, anon, authenticated, service_role;
comment on view private.school_year_counts_computed is
  'Per school year: its classes, students (open enrolments) and teachers (subject or homeroom teacher memberships), as rpc/school_summaries shows them. The definition of private.school_year_counts.';

create table private.school_year_counts as select * from private.school_year_counts_computed with no data;
alter table private.school_year_counts add primary key (school_year_id);
revoke all on private.school_year_counts from public, anon, authenticated, service_role;
comment on table private.school_year_counts is
  'The rows of private.school_year_counts_computed, kept by the statement triggers of classes, enrolments and memberships; read by rpc/school_summaries (security definer, after its rule of which schools the caller oversees).';

/** The kept counts of the given school years computed again, under transaction advisory locks on the
 *  years taken in one order. */
create function private.refresh_school_year_counts(p_years uuid[]) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform pg_advisory_xact_lock(1307, k.h)
  from (select distinct hashtext(y::text) as h from unnest(p_years) y order by 1) k;
  delete from private.school_year_counts k where k.school_year_id = any (p_years);
  insert into private.school_year_counts select c.* from private.school_year_counts_computed c where c.school_year_id = any (p_years);
end $$;
revoke execute on function private.refresh_school_year_counts(uuid[]) from public, anon, authenticated;

/** The statement triggers: the school years of the rows a statement wrote. */
create function private.keep_school_year_counts() returns trigger
language plpgsql volatile security definer set search_path = '' as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select * from new_rows'
    when 'DELETE' then 'select * from old_rows'
    else 'select * from new_rows union all select * from old_rows' end;
  years uuid[];
begin
  execute format('select array_agg(distinct d.school_year_id) from (%s) d where d.school_year_id is not null', src) into years;
  if years is not null then
    perform private.refresh_school_year_counts(years);
  end if;
  return null;
end $$;
revoke execute on function private.keep_school_year_counts() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['classes', 'enrolments', 'memberships'] loop
    execute format('create trigger %1$s_keep_year_counts_insert after insert on public.%1$s
                    referencing new table as new_rows for each statement execute function private.keep_school_year_counts()', t);
    execute format('create trigger %1$s_keep_year_counts_update after update on public.%1$s
                    referencing old table as old_rows new table as new_rows for each statement execute function private.keep_school_year_counts()', t);
    execute format('create trigger %1$s_keep_year_counts_delete after delete on public.%1$s
                    referencing old table as old_rows for each statement execute function private.keep_school_year_counts()', t);
  end loop;
end $$;

-- Loads that bypass triggers call this for every year they load (a restore): the year's counts follow.
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
  select private.refresh_school_year_counts(array[p_school_year_id]);
$$;

insert into private.school_year_counts select * from private.school_year_counts_computed;

create or replace function public.school_summaries()
returns table (school_id uuid, school_name text, school_level public.school_level, school_year text,
               classes bigint, students bigint, teachers bigint)
language sql stable security definer set search_path = ''
as $$
  with scope as (
    select id from private.my_officer_school_ids() id
    union
    select id from private.my_school_ids(private.school_staff_roles()) id
  ), years as (
    select y.id, y.school_id, y.code from public.school_years y
    where y.id in (select private.current_school_year_ids()) and y.school_id in (select id from scope)
  )
  select o.id, o.name, o.school_level, y.code,
         coalesce(k.classes, 0)::bigint, coalesce(k.students, 0)::bigint, coalesce(k.teachers, 0)::bigint
  from years y join public.org_units o on o.id = y.school_id
  left join private.school_year_counts k on k.school_year_id = y.id
  order by o.name
$$;
