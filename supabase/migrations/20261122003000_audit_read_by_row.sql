-- Issue 11, finding 1: the audit log leaked the school to anyone. One statement writes one entry for all
-- its rows (the seed, an import, any bulk write: entries about hundreds of students), and an entry was
-- readable whole as soon as ONE student it names was in the reader's scope, so a parent read every
-- student's record and every guardian's phone number. The rule now: a reader sees, through the audit
-- log, exactly the rows they read in the rows' own table — each entry reduced to those rows, entries
-- with none left out.
--
-- Entries already written cannot be split or edited (the hash chain covers their content), so the
-- filtering happens at read time:
--   - authenticated no longer reads public.audit_log (nor embeds it); the table stays append-only and
--     hash-chained exactly as it was (nothing here writes it), so verify_audit_chain is unaffected;
--   - rpc/audit_entries returns entries with row_keys, old_rows and new_rows reduced, per row, by the
--     SELECT policy of the table the entry describes — the policy itself, read from the catalogue when
--     the function runs, so an audited table added later, or a policy changed later, is followed without
--     touching this file (a table nobody may read shows nobody its rows).
-- Each policy's helpers (private.my_school_ids(), private.taught_student_ids(), …) are uncorrelated
-- subqueries: evaluated once per statement (a hashed subplan), not once per row.

-- The part of an entry a reader may see: the keys of its rows, the positions (1-based) of its old and
-- new rows, and the columns it may see of them (null: all).
create type private.audit_reduced as (row_keys text[], old_ords bigint[], new_ords bigint[], columns text[]);

-- The rows of an audited array (old_rows or new_rows) at the given positions, reduced to the given
-- columns (null: all): the array itself when that is every row and column (no copy: rebuilding the
-- rows costs more than checking them), null when none. One pass over the array (a large entry is
-- stored compressed; indexing it row by row would decompress it once per row). Cost: linear in the
-- entry's rows.
create function private.audit_pick(p_rows jsonb, p_ords bigint[], p_columns text[]) returns jsonb
language sql immutable set search_path = ''
as $$
  select case
    when p_ords is null or p_rows is null then null
    when p_columns is null and cardinality(p_ords) = jsonb_array_length(p_rows) then p_rows
    else (select jsonb_agg(case when p_columns is null then e.value
                                else (select jsonb_object_agg(j.key, j.value) from jsonb_each(e.value) j
                                      where j.key = any (p_columns)) end order by e.ordinality)
          from jsonb_array_elements(p_rows) with ordinality e
          join unnest(p_ords) o on o = e.ordinality)
  end
$$;
revoke execute on function private.audit_pick(jsonb, bigint[], text[]) from public, anon, authenticated;

-- The schools whose audit chains may hold a row the caller reads: the units of their memberships and
-- every unit below them, and the schools of the students they are family of (or are). Every SELECT
-- policy of an audited table grants rows only through such a membership or family link, so entries of
-- other schools are skipped before any row is looked at. Cost: index scans of the caller's memberships
-- and family links, and of org_units by parent.
create function private.audit_reader_school_ids() returns setof uuid
language sql stable security definer set search_path = '' rows 10
as $$
  with recursive units as (
    select m.org_unit_id as id from public.memberships m where m.profile_id = (select auth.uid())
    union
    select o.id from public.org_units o join units u on o.parent_id = u.id
  )
  select id from units
  union
  select g.school_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.school_id from public.students s where s.profile_id = (select auth.uid())
$$;
revoke execute on function private.audit_reader_school_ids() from public, anon;
grant execute on function private.audit_reader_school_ids() to authenticated, service_role;

-- The schools where the caller holds a role other than teaching a class or being family (subject
-- teacher, homeroom teacher, department head, guardian, student), in any year. Every SELECT policy of
-- an audited table grants a caller with only such roles in a school rows about a student of that
-- school only when the student is of their classes (homeroom, taught, their department's) or family —
-- private.taught_student_ids() — so for them the reader skips entries about students that name none of
-- those, before looking at any row (the GIN index on student_ids). Only an optimisation: were a policy
-- ever to grant such a caller more, those rows would be missed, never shown wrongly. Cost: an index
-- scan of the caller's memberships.
create function private.audit_wide_school_ids() returns setof uuid
language sql stable security definer set search_path = '' rows 2
as $$
  select m.org_unit_id from public.memberships m
  where m.profile_id = (select auth.uid())
    and m.role not in ('subject_teacher', 'homeroom_teacher', 'dept_head', 'guardian', 'student')
$$;
revoke execute on function private.audit_wide_school_ids() from public, anon;
grant execute on function private.audit_wide_school_ids() to authenticated, service_role;

-- One `when '<table>' then (…)` branch of the reader's CASE: the entry's rows (old and new, each with
-- its position) that pass the table's SELECT policy for `authenticated`, as a private.audit_reduced.
-- The policy expression is evaluated on the audited row turned back into a record under the table's
-- own name, so its column references mean what they mean in the table. The record holds only the
-- columns the policies reference (pg_depend), typed as in the table: converting a whole score_entries
-- row (jsonb_populate_record) costs ~30 µs, ten times the policy itself; a policy using the whole row
-- gets the whole row. Permissive policies
-- are OR'ed, restrictive ones AND'ed; RLS off means every row; no SELECT privilege at all (table or
-- column) means no branch (no row shown); SELECT on some columns only shows those columns. `is true`
-- keeps each policy's subqueries in expression position, where the planner makes them hashed subplans
-- built once per statement (a pulled-up join could re-run a helper per entry). `match_param`: a
-- parameter of the reader's statement that rows must contain (jsonb @>), or null. `every_row`: no
-- policy (the service role's reads). Returns null for a table that is not audited. Used only by
-- public.audit_entries. Cost: a few catalogue lookups.
create function private.audit_read_branch(p_table text, match_param text, every_row boolean) returns text
language plpgsql stable set search_path = ''
as $$
declare
  rel oid;
  rls boolean;
  key_column text;
  qual text;
  readable_columns text[];
  record_columns text;
  whole_row boolean;
  row_source text;
begin
  select c.oid, c.relrowsecurity, coalesce(nullif(split_part(encode(t.tgargs, 'escape'), '\000', 1), ''), 'id')
  into rel, rls, key_column
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
  join pg_catalog.pg_trigger t on t.tgrelid = c.oid and t.tgname = 'audit_insert'
  where c.relname = p_table;
  if rel is null then
    return null;
  end if;

  if every_row then
    qual := 'true';
  elsif not has_table_privilege('authenticated', rel, 'select') then
    select array_agg(a.attname::text order by a.attnum) into readable_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = rel and a.attnum > 0 and not a.attisdropped and has_column_privilege('authenticated', rel, a.attnum, 'select');
    if readable_columns is null then
      return null;
    end if;
  end if;

  if every_row then
    null;
  elsif not rls then
    qual := 'true';
  else
    select '(' || coalesce(string_agg('(' || coalesce(pg_get_expr(p.polqual, p.polrelid), 'false') || ')', ' or ') filter (where p.polpermissive), 'false') || ')'
           || coalesce(' and ' || string_agg('(' || coalesce(pg_get_expr(p.polqual, p.polrelid), 'false') || ')', ' and ') filter (where not p.polpermissive), '')
    into qual
    from pg_catalog.pg_policy p
    where p.polrelid = rel and p.polcmd in ('r', '*')
      and p.polroles && array[0::oid, 'authenticated'::regrole::oid];
  end if;

  -- The columns (and a whole-row use) of the table that the applicable policies depend on.
  with deps as (
    select d.refobjsubid as attnum
    from pg_catalog.pg_policy p
    join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_policy'::regclass and d.objid = p.oid
      and d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = rel and d.deptype = 'n'
    where not every_row and p.polrelid = rel and p.polcmd in ('r', '*') and p.polroles && array[0::oid, 'authenticated'::regrole::oid]
  )
  select (select string_agg(format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' order by a.attnum)
          from pg_catalog.pg_attribute a where a.attrelid = rel and a.attnum in (select deps.attnum from deps where deps.attnum > 0)),
         exists (select 1 from deps where deps.attnum = 0)
  into record_columns, whole_row;
  row_source := case
    when every_row or (record_columns is null and not whole_row) then ''
    when whole_row then format('cross join lateral jsonb_populate_record(null::public.%1$I, audit_r.audit_row) as %1$I', p_table)
    else format('cross join lateral jsonb_to_record(audit_r.audit_row) as %I (%s)', p_table, record_columns)
  end;

  return format($branch$
    when %1$L then (
      select row(array_agg(distinct audit_r.audit_row ->> %2$L order by audit_r.audit_row ->> %2$L),
                 array_agg(audit_r.audit_ord order by audit_r.audit_ord) filter (where audit_r.audit_side = 'o'),
                 array_agg(audit_r.audit_ord order by audit_r.audit_ord) filter (where audit_r.audit_side = 'n'),
                 %3$L::text[])::private.audit_reduced
      from (select 'o'::text as audit_side, o.ordinality as audit_ord, o.value as audit_row
            from jsonb_array_elements(coalesce(a.old_rows, '[]')) with ordinality o
            union all
            select 'n'::text, n.ordinality, n.value
            from jsonb_array_elements(coalesce(a.new_rows, '[]')) with ordinality n) audit_r
      %6$s
      where (%4$s) is true %5$s)$branch$,
    p_table, key_column, readable_columns, qual,
    case when match_param is not null then format('and audit_r.audit_row @> %s', match_param) else '' end,
    row_source);
end $$;
revoke execute on function private.audit_read_branch(text, text, boolean) from public, anon, authenticated;

-- rpc/audit_entries: the audit log as the caller may read it, newest first. Each entry comes with
-- row_keys, old_rows and new_rows reduced to the rows the caller reads in the table the entry describes
-- (the rows themselves, unchanged); entries with no such row are left out. The service role reads
-- entries whole. Filters (all optional): one entry (p_id), the school, the chain's school year, the
-- table, a row key, a student the entry is about, rows containing p_match (jsonb @>, e.g. one gradebook
-- cell; other rows of the entry are left out), entries before p_before_id (paging); p_limit entries
-- (1–1000). Callable by signed-in users and the service role. Cost: the entries scanned (indexes on the
-- chain, row_keys and student_ids narrow them) times their rows, each row checked against its table's
-- policy with the policy's helpers computed once; planning the statement is proportional to the
-- number of audited tables (one when p_table_name is given).
create function public.audit_entries(
  p_id bigint default null,
  p_school_id uuid default null,
  p_school_year_id uuid default null,
  p_table_name text default null,
  p_row_key text default null,
  p_student_id uuid default null,
  p_match jsonb default null,
  p_before_id bigint default null,
  p_limit int default 100)
returns table (id bigint, school_id uuid, school_year_id uuid, occurred_at timestamptz, actor_id uuid, actor_role text,
               table_name text, action text, row_keys text[], old_rows jsonb, new_rows jsonb)
language plpgsql stable security definer set search_path = ''
as $$
declare
  -- Inside a security-definer function current_user is the owner; the `role` setting is still the one
  -- the request runs as (PostgREST sets it from the verified token; a session can only take a role it
  -- is a member of). A superuser's own session (maintenance, psql) reads everything too.
  caller_role constant text := coalesce(nullif(current_setting('role', true), ''), 'none');
  reads_all constant boolean := caller_role = 'service_role'
    or (caller_role = 'none' and (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user));
  tables text[];
  branches text := '';
  branch text;
  t text;
  filters text := '';
begin
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'Mỗi lần đọc nhật ký lấy từ 1 đến 1000 mục (p_limit).' using errcode = '22023';
  end if;
  if not reads_all and (select auth.uid()) is null then
    return;
  end if;

  if p_id is not null then filters := filters || ' and a.id = $1'; end if;
  if p_school_id is not null then filters := filters || ' and a.school_id = $2'; end if;
  if p_school_year_id is not null then filters := filters || ' and a.school_year_id = $3'; end if;
  if p_table_name is not null then filters := filters || ' and a.table_name = $4'; end if;
  if p_row_key is not null then filters := filters || ' and a.row_keys @> array[$5]'; end if;
  if p_student_id is not null then filters := filters || ' and a.student_ids @> array[$6]'; end if;
  if p_before_id is not null then filters := filters || ' and a.id < $8'; end if;

  if reads_all and p_match is null then
    return query execute
      'select a.id, a.school_id, a.school_year_id, a.occurred_at, a.actor_id, a.actor_role, a.table_name, a.action,
              a.row_keys, a.old_rows, a.new_rows
       from public.audit_log a where true' || filters || ' order by a.id desc limit $9'
      using p_id, p_school_id, p_school_year_id, p_table_name, p_row_key, p_student_id, p_match, p_before_id, p_limit;
    return;
  end if;

  -- The tables to build a branch for: the one asked for, or every audited table.
  select array_agg(c.relname::text order by c.relname) into tables
  from pg_catalog.pg_trigger g
  join pg_catalog.pg_class c on c.oid = g.tgrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
  where g.tgname = 'audit_insert' and (p_table_name is null or c.relname = p_table_name);
  foreach t in array coalesce(tables, '{}') loop
    -- The service role gets here only to filter rows by p_match: every row passes the branch's policy.
    branch := private.audit_read_branch(t, case when p_match is not null then '$7' end, reads_all);
    if branch is not null then
      branches := branches || branch;
    end if;
  end loop;
  if branches = '' then
    return;
  end if;

  -- The candidates (the cheap filters, newest first) are fenced in a subquery so that its order carries
  -- through the lateral: rows are checked entry by entry only until p_limit entries have one to show.
  return query execute
    'select a.id, a.school_id, a.school_year_id, a.occurred_at, a.actor_id, a.actor_role, a.table_name, a.action,
            (v.r).row_keys, private.audit_pick(a.old_rows, (v.r).old_ords, (v.r).columns),
            private.audit_pick(a.new_rows, (v.r).new_ords, (v.r).columns)
     from (select a.* from public.audit_log a where true'
    || case when reads_all then '' else
         ' and a.school_id in (select private.audit_reader_school_ids())
           and (a.student_ids is null or a.school_id in (select private.audit_wide_school_ids())
                or a.student_ids && (select coalesce(array_agg(x), ''{}'') from private.taught_student_ids() x))' end
    || filters || ' order by a.id desc offset 0) a
     cross join lateral (select case a.table_name ' || branches || ' end as r offset 0) v
     where (v.r).row_keys is not null
     order by a.id desc limit $9'
    using p_id, p_school_id, p_school_year_id, p_table_name, p_row_key, p_student_id, p_match, p_before_id, p_limit;
end $$;
comment on function public.audit_entries(bigint, uuid, uuid, text, text, uuid, jsonb, bigint, int) is
  'Nhật ký as the caller may read it: entries newest first, each reduced to the rows the caller reads in the table it describes (by that table''s own SELECT policy); the service role reads them whole. Filters: p_id, p_school_id, p_school_year_id, p_table_name, p_row_key, p_student_id, p_match (rows containing it), p_before_id; p_limit 1–1000.';
revoke execute on function public.audit_entries(bigint, uuid, uuid, text, text, uuid, jsonb, bigint, int) from public, anon;
grant execute on function public.audit_entries(bigint, uuid, uuid, text, text, uuid, jsonb, bigint, int) to authenticated, service_role;

-- The table itself is no longer an API read path (nor an embed target): only the service role, the
-- trigger and security-definer readers (audit_entries, verify_audit_chain, correction_minutes) read it.
-- RLS stays on with no policy, so a future grant alone would still show nothing.
revoke select on public.audit_log from authenticated, anon;
drop policy audit_log_select on public.audit_log;
