-- A locked class takes no newcomer (issue 11, finding 4, found again in review). 20261122003201 let an
-- enrolment into or out of a class of a frozen period through when the student had no gradebook row of
-- that period ("a newcomer": their empty rows move no result). But the result views list every enrolled
-- student: as bqt@, enrolling a student with no 2025–2026 data into the locked 2025–2026 10A1 added a
-- 39th row to 10A1's semester II student_results and to rpc/class_summary. A locked class list is a
-- locked result. Now any enrolment inserted, deleted or moved (student, class, year, or ended as a class
-- change) into or out of a class of a frozen period is refused (PT423, naming the lock), for every
-- writer, whoever the student is. The lawful way is unchanged: the principal decides an unlock of the
-- class, the admin board opens it, the enrolment is made and audited, the board relocks.
-- (private.has_gradebook_data stays for other callers; nothing here uses it any more.)

create or replace function private.refuse_frozen_input_writes() returns trigger
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
    -- Every frozen period of a class an enrolment enters or leaves (three checks per class), whoever
    -- the student is: a newcomer's row is a row of the class's results too.
    with r as (
      select * from jsonb_populate_recordset(null::public.enrolments, rows_in)
    ), class_periods as (
      select distinct r.school_year_id, p.semester, r.class_id from r cross join unnest(periods) p (semester)
    ), frozen as (
      select cp.* from class_periods cp cross join lateral private.period_frozen(cp.school_year_id, cp.semester, cp.class_id) f
      where f.why is not null
    )
    select array_agg((f.school_year_id, f.semester, f.class_id, null)::private.gradebook_cell) into cells
    from frozen f;
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
