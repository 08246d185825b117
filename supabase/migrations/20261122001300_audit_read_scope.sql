-- Reading an audit entry follows the scope of the row it describes (issue requirement). Until now only
-- the admin board, BGH and IT staff read their school's log (and everybody their own actions), so a
-- GVCN could not see who changed a student of their class, and widening it to "the school's staff"
-- would have shown a subject teacher the full profile (student_details, guardians) of every student.
-- Now an entry is readable by:
--   - the admin board, BGH and IT staff of its school, and its actor (as before);
--   - school structure (classes, class_subjects, teaching_assignments, departments, department_members,
--     school_years): the staff of the school, who read those rows;
--   - students, enrolments, subject_exemptions: the school-wide student roles of its school, or whoever
--     reads the student (private.taught_student_ids(): own classes, assignments, family);
--   - student_details, guardians: the full-profile roles of its school, or the homeroom teacher of the
--     student's class and the family (private.full_profile_family_ids(), below);
--   - memberships: the admin board and BGH only (as before).
-- To keep it cheap, each entry carries the students its rows are about (`student_ids`, GIN-indexed) and
-- the policy compares it, with `&&`, to the caller's student ids computed once per statement (an
-- initplan): no per-row function call.

alter table public.audit_log add column student_ids uuid[];
comment on column public.audit_log.student_ids is
  'The students the entry''s rows are about (students: the row id; tables with student_id: that column). Derived from old_rows/new_rows, which the hash covers, so not hashed itself.';
create index audit_log_student_ids_idx on public.audit_log using gin (student_ids);

-- Same trigger as in 20261122000400, plus `student_ids`. The hash content (private.audit_content) is
-- unchanged and does NOT include student_ids: it is derived from old_rows/new_rows, which are hashed,
-- and leaving it out keeps verify_audit_chain valid for every entry written before this migration.
create or replace function private.audit_statement() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  g record;
  chain record;
  entry public.audit_log;
  has_year boolean := exists (
    select 1 from pg_attribute a where a.attrelid = tg_relid and a.attname = 'school_year_id' and not a.attisdropped);
  nil constant uuid := '00000000-0000-0000-0000-000000000000';
  key_column constant text := coalesce(tg_argv[0], 'id');
  -- The column naming the student a row is about, if any.
  student_column constant text := case
    when tg_table_name = 'students' then 'id'
    when exists (select 1 from pg_attribute a where a.attrelid = tg_relid and a.attname = 'student_id' and not a.attisdropped)
      then 'student_id'
  end;
  olds jsonb := '[]';
  news jsonb := '[]';
begin
  -- Each transition table exists only for its own events, so each is read only in its branch.
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(jsonb_agg(to_jsonb(t)), '[]') into olds from old_rows t;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    select coalesce(jsonb_agg(to_jsonb(t)), '[]') into news from new_rows t;
  end if;
  for g in
    with o as (
      select j from jsonb_array_elements(olds) j
    ), n as (
      select j from jsonb_array_elements(news) j
    ), pairs as (
      select coalesce(n.j, o.j) as k, o.j as old_j, n.j as new_j
      from o full join n on (o.j ->> key_column) = (n.j ->> key_column)
    )
    select (k ->> 'school_id')::uuid as school_id,
           case when has_year then (k ->> 'school_year_id')::uuid end as school_year_id,
           array_agg(k ->> key_column order by k ->> key_column) as keys,
           jsonb_agg(old_j order by k ->> key_column) filter (where old_j is not null) as olds,
           jsonb_agg(new_j order by k ->> key_column) filter (where new_j is not null) as news,
           -- Old and new student of each row (an update may move a row to another student).
           array_agg((old_j ->> student_column)::uuid) || array_agg((new_j ->> student_column)::uuid) as students
    from pairs
    group by 1, 2
  loop
    insert into public.audit_chains as c (school_id, school_year_key, last_seq)
    values (g.school_id, coalesce(g.school_year_id, nil), 0)
    on conflict (school_id, school_year_key) do nothing;
    -- Row lock on the chain head: writers of one chain take turns, other chains run in parallel.
    select * into chain from public.audit_chains c
    where c.school_id = g.school_id and c.school_year_key = coalesce(g.school_year_id, nil)
    for update;
    entry.school_id := g.school_id;
    entry.school_year_id := g.school_year_id;
    entry.seq := chain.last_seq + 1;
    entry.occurred_at := clock_timestamp();
    entry.actor_id := (select auth.uid());
    entry.actor_role := coalesce((select auth.role()), session_user::text);
    entry.table_name := tg_table_name;
    entry.action := lower(tg_op);
    entry.row_keys := g.keys;
    entry.old_rows := g.olds;
    entry.new_rows := g.news;
    entry.prev_hash := chain.last_hash;
    entry.hash := private.audit_hash(chain.last_hash, private.audit_content(entry));
    entry.student_ids := case when student_column is not null then
      (select coalesce(array_agg(distinct s order by s), '{}') from unnest(g.students) s where s is not null) end;
    insert into public.audit_log (school_id, school_year_id, seq, occurred_at, actor_id, actor_role, table_name,
                                  action, row_keys, old_rows, new_rows, prev_hash, hash, student_ids)
    values (entry.school_id, entry.school_year_id, entry.seq, entry.occurred_at, entry.actor_id, entry.actor_role,
            entry.table_name, entry.action, entry.row_keys, entry.old_rows, entry.new_rows, entry.prev_hash, entry.hash,
            entry.student_ids);
    update public.audit_chains c set last_seq = entry.seq, last_hash = entry.hash
    where c.school_id = g.school_id and c.school_year_key = coalesce(g.school_year_id, nil);
  end loop;
  return null;
end
$$;
revoke execute on function private.audit_statement() from public, anon, authenticated;

-- Entries written before this migration: the same derivation from their (hashed) old and new rows.
update public.audit_log a
set student_ids = (
  select coalesce(array_agg(distinct s order by s), '{}')
  from (select (r ->> case when a.table_name = 'students' then 'id' else 'student_id' end)::uuid as s
        from jsonb_array_elements(coalesce(a.old_rows, '[]') || coalesce(a.new_rows, '[]')) r) x
  where s is not null)
where a.table_name in ('students', 'student_details', 'guardians', 'enrolments', 'subject_exemptions');

-- Students whose full-profile entries (student_details, guardians) the caller reads through a class or
-- family: those enrolled in their homeroom classes, their children, themselves. The school-wide
-- full-profile roles are checked on the entry's school_id instead. Cost: index scans of the caller's
-- classes and guardian/student links.
create function private.full_profile_family_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 100
as $$ begin
  return query
  select e.student_id from public.enrolments e
  where e.class_id in (select private.homeroom_class_ids())
  union
  select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.id from public.students s where s.profile_id = (select auth.uid());
end $$;
revoke execute on function private.full_profile_family_ids() from public, anon;
grant execute on function private.full_profile_family_ids() to authenticated, service_role;

drop policy audit_log_select on public.audit_log;
create policy audit_log_select on public.audit_log for select to authenticated
  using (
    school_id in (select private.my_school_ids('{admin_board,principal,vice_principal,it_staff}'))
    or actor_id = (select auth.uid())
    or (table_name in ('classes', 'class_subjects', 'teaching_assignments', 'departments', 'department_members', 'school_years')
        and school_id in (select private.my_school_ids(private.school_staff_roles())))
    or (table_name in ('students', 'enrolments', 'subject_exemptions')
        and (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.taught_student_ids() x)))
    or (table_name in ('student_details', 'guardians')
        and (school_id in (select private.my_school_ids(private.full_profile_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.full_profile_family_ids() x)))
  );
comment on policy audit_log_select on public.audit_log is
  'An entry is read by whoever reads the row it describes: the admin board, BGH and IT staff of the school and the actor always; school structure by the school''s staff; students, enrolments, exemptions by school-wide student roles and the student''s teachers and family; details and guardians by full-profile roles, the homeroom teacher and the family; memberships by the admin board and BGH only.';
