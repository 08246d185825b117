-- Issue 11, finding 1: rpc/entry_history read public.audit_log under its old policy, so a GVCN got the
-- history of another class's cell whenever the statement that wrote it also wrote a row of her class
-- (the seed's re-tests). It now reads through rpc/audit_entries (20261122003000): only entries with a
-- row of this cell that the caller reads in score_entries, and of each entry only that row. Same
-- arguments and result as before (20261122002305). Anyone may call it; the service role reads every
-- entry. Cost: the year's entries about the student (GIN index on student_ids), each checked row by
-- row against the cell and score_entries' policy.
create or replace function public.entry_history(p_student_id uuid, p_subject_id uuid, p_school_year_id uuid, p_semester int,
                                                p_kind public.entry_kind, p_seq int default 1)
returns table (occurred_at timestamptz, action text, actor_name text, old_value text, new_value text,
               correction_request_id uuid, audit_id bigint)
language sql stable set search_path = ''
as $$
  select a.occurred_at, a.action, p.full_name, private.entry_row_text(a.old_rows -> 0), private.entry_row_text(a.new_rows -> 0),
         (a.new_rows -> 0 ->> 'correction_request_id')::uuid, a.id
  from public.audit_entries(
         p_school_year_id => p_school_year_id, p_table_name => 'score_entries', p_student_id => p_student_id,
         -- The cell: a row of the entry belongs to it when it holds these values (semester null: the re-test).
         p_match => jsonb_build_object('student_id', p_student_id, 'subject_id', p_subject_id, 'school_year_id', p_school_year_id,
                                       'semester', p_semester, 'kind', p_kind, 'seq', p_seq),
         p_limit => 1000) a
  left join public.profiles p on p.id = a.actor_id
  order by a.id
$$;
comment on function public.entry_history(uuid, uuid, uuid, int, public.entry_kind, int) is
  'Lịch sử một ô điểm from the audit log (before/after, who, when, correction request): the entries with a row of this cell the caller reads in score_entries (rpc/audit_entries).';
