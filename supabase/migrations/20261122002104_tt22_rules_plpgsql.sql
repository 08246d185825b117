-- The TT22 rule functions of 20261122002000, same signatures, same results, rewritten in PL/pgSQL.
-- Measured on the demo class 10A1 (42 students × 12 subjects): student_results spent 0.8 s of 0.9 s in
-- these functions. As SQL functions with a sub-select over unnest() they cannot be inlined, so each
-- call ran through the SQL-function executor; a PL/pgSQL loop over the array evaluates simple
-- expressions without the executor. The boundary and property tests of tests/db/tt22-rules.test.ts
-- check the rewrite.

create or replace function public.tt22_semester_average(regular numeric[], midterm numeric, final numeric, required_regular int)
returns numeric
language plpgsql immutable set search_path = ''
as $$
declare
  total numeric := 0;
  n int := 0;
  v numeric;
begin
  if midterm is null or final is null or regular is null then
    return null;
  end if;
  foreach v in array regular loop
    if v is not null then
      total := total + v;
      n := n + 1;
    end if;
  end loop;
  if n < greatest(coalesce(required_regular, 1), 1) then
    return null;
  end if;
  return round((total + 2 * midterm + 3 * final) / (n + 5), 1);
end $$;

create or replace function public.tt22_comment_subject_rating(ratings boolean[], required int) returns boolean
language plpgsql immutable set search_path = ''
as $$
declare
  n int := 0;
  any_failed boolean := false;
  any_missing boolean := false;
  v boolean;
begin
  if ratings is null then
    return null;
  end if;
  foreach v in array ratings loop
    if v is null then
      any_missing := true;
    else
      n := n + 1;
      any_failed := any_failed or not v;
    end if;
  end loop;
  if n < greatest(coalesce(required, 1), 1) then
    return null;
  end if;
  -- As `not (false = any (ratings))`: a Chưa đạt decides; otherwise a missing rating leaves it open.
  return case when any_failed then false when any_missing then null else true end;
end $$;

create or replace function public.tt22_learning_level_unadjusted(scored numeric[], comment_passed boolean[]) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  v numeric;
  p boolean;
  under_35 int := 0;
  under_50 int := 0;
  under_65 int := 0;
  from_50 int := 0;
  from_65 int := 0;
  from_80 int := 0;
  failed int := 0;
begin
  if scored is null or comment_passed is null then
    return null;
  end if;
  foreach v in array scored loop
    if v is null then
      return null;
    end if;
    if v < 3.5 then under_35 := under_35 + 1; end if;
    if v < 5.0 then under_50 := under_50 + 1; else from_50 := from_50 + 1; end if;
    if v < 6.5 then under_65 := under_65 + 1; else from_65 := from_65 + 1; end if;
    if v >= 8.0 then from_80 := from_80 + 1; end if;
  end loop;
  foreach p in array comment_passed loop
    if p is null then
      return null;
    end if;
    if not p then failed := failed + 1; end if;
  end loop;
  return case
    when failed = 0 and under_65 = 0 and from_80 >= 6 then 'tot'
    when failed = 0 and under_50 = 0 and from_65 >= 6 then 'kha'
    when failed <= 1 and from_50 >= 6 and under_35 = 0 then 'dat'
    else 'chua_dat'
  end;
end $$;

-- Still THE one place of the one-subject adjustment (see 20261122002000 for the clause and the
-- "-- confirm" note): the best level obtained by leaving out any one subject; if it is two or more
-- levels above `level`, `level` is raised by exactly one.
create or replace function public.tt22_apply_one_subject_adjustment(scored numeric[], comment_passed boolean[], level text)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  best int;
  r int;
  i int;
  current_rank int := public.tt22_level_rank(level);
begin
  if level is null or scored is null or comment_passed is null then
    return null;
  end if;
  -- Raising by one needs a level two below the best possible (tot): only dat and chua_dat can move.
  if current_rank >= 2 then
    return level;
  end if;
  for i in 1 .. coalesce(cardinality(scored), 0) loop
    r := public.tt22_level_rank(public.tt22_learning_level_unadjusted(scored[:i - 1] || scored[i + 1:], comment_passed));
    best := greatest(best, r);
  end loop;
  for i in 1 .. coalesce(cardinality(comment_passed), 0) loop
    r := public.tt22_level_rank(public.tt22_learning_level_unadjusted(scored, comment_passed[:i - 1] || comment_passed[i + 1:]));
    best := greatest(best, r);
  end loop;
  if best - current_rank >= 2 then
    return public.tt22_level_of_rank(current_rank + 1);
  end if;
  return public.tt22_level_of_rank(current_rank);
end $$;

create or replace function public.tt22_learning_level(scored numeric[], comment_passed boolean[]) returns text
language plpgsql immutable set search_path = ''
as $$ begin
  return public.tt22_apply_one_subject_adjustment(scored, comment_passed,
    public.tt22_learning_level_unadjusted(scored, comment_passed));
end $$;

-- The rule functions are pure, immutable, security invoker, and name every object with its schema, so
-- a pinned search_path protects nothing here (a caller's own search_path only affects the caller, and
-- the security-definer callers pin '' themselves), while a SET clause costs a configuration save and
-- restore on every call and keeps SQL functions from being inlined. The views call them for every
-- subject of every student (rpc/class_summary: 40 students × 12 subjects × several calls), so the
-- small ones become inlinable expressions and the loops lose the per-call overhead.
alter function public.tt22_semester_average(numeric[], numeric, numeric, int) reset search_path;
alter function public.tt22_comment_subject_rating(boolean[], int) reset search_path;
alter function public.tt22_learning_level_unadjusted(numeric[], boolean[]) reset search_path;
alter function public.tt22_apply_one_subject_adjustment(numeric[], boolean[], text) reset search_path;
alter function public.tt22_learning_level(numeric[], boolean[]) reset search_path;
alter function public.tt22_level_rank(text) reset search_path;
alter function public.tt22_level_of_rank(int) reset search_path;
alter function public.tt22_year_average(numeric, numeric) reset search_path;
alter function public.tt22_year_conduct(text, text) reset search_path;
alter function public.required_regular_assessments(int) reset search_path;
