-- The set-valued helpers of the read policies, rewritten from SQL to PL/pgSQL with the same query (issue 13).
--
-- Each helper below is a SECURITY DEFINER SQL function of one SELECT. Postgres never inlines a security
-- definer function, and before version 18 it does not keep the plan of a SQL function's query from one
-- call to the next: every call parsed and planned the SELECT again. The policies call these helpers in
-- almost every statement (visible_profile_ids() for any embed of profiles, dossier_reader_owner_ids() for
-- the dossiers, editable_student_ids() for Học sinh …), so the planning was paid per statement and per
-- policy: as BGH of a district school, visible_profile_ids() took 1.6 ms and editable_student_ids() 4.0 ms
-- per call, of which most was planning. A PL/pgSQL function keeps its query's plan for the session (a
-- PostgREST pool connection): 0.76 and 2.6 ms; audit_reader_school_ids() 0.46 → 0.07 ms,
-- my_department_teacher_ids() 0.40 → 0.04 ms.
--
-- The rewrite is mechanical and done here in one loop so that nothing is retyped: for each function named,
-- its body — one SELECT, checked — becomes `return query <that SELECT>`; the name, result type, volatility,
-- SECURITY DEFINER, search_path '', row estimate, owner, grants and comment stay (CREATE OR REPLACE keeps
-- the function). `#variable_conflict use_column` keeps an unqualified name meaning the column, as in SQL,
-- where a TABLE result's names are not variables. tests/db/policy_helpers.test.ts compares every helper
-- with its SELECT run as the owner, for every demo account.
do $$
declare
  f record;
  body text;
  names constant text[] := array[
    'audit_reader_school_ids', 'audit_wide_school_ids', 'dossier_reader_owner_ids', 'dossier_writer_owner_ids',
    'editable_student_ids', 'family_student_ids', 'full_profile_student_ids', 'my_department_teacher_ids',
    'my_dossier_duties', 'my_draft_correction_ids', 'my_headed_department_ids', 'my_headed_departments',
    'my_officer_school_ids', 'my_org_unit_ids', 'my_union_groups', 'nurse_school_ids', 'unopened_year_ids',
    'visible_profile_ids'];
  done int := 0;
begin
  for f in
    select p.proname, p.prosrc, pg_get_function_result(p.oid) as result, p.prorows, p.provolatile, p.proconfig, l.lanname, p.prosecdef
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
    where n.nspname = 'private' and p.proname = any (names) and p.pronargs = 0
  loop
    body := regexp_replace(f.prosrc, ';\s*$', '');
    if f.lanname <> 'sql' or not f.prosecdef or f.provolatile <> 's' or f.proconfig is distinct from array['search_path=""']
       or position(';' in body) > 0 then
      raise exception 'private.%(): not a one-SELECT stable security definer SQL function with search_path '''' — rewrite it by hand', f.proname;
    end if;
    execute format(
      'create or replace function private.%I() returns %s language plpgsql stable security definer set search_path = %L rows %s as %L',
      f.proname, f.result, '', f.prorows,
      E'#variable_conflict use_column\nbegin\n  return query\n' || body || E';\nend');
    done := done + 1;
  end loop;
  if done <> cardinality(names) then
    raise exception 'rewrote % of % helpers', done, cardinality(names);
  end if;
end $$;
