-- A cell's value as the history and the minutes print it, for both regimes: TT22 "8,5" / "Đ" / "CĐ";
-- TT27 the level with the test score ("T, KT 9" / "KT 9" / "H"). entry_history reads the audited row.
create function private.entry_row_text(r jsonb) returns text
language sql immutable set search_path = ''
as $$
  select case
    when r is null then null
    when r ->> 'level' is not null or (r ->> 'comment' is not null and r ->> 'rating' is null) then
      concat_ws(', ', r ->> 'level', 'KT ' || (r ->> 'score')::numeric::int)
    else private.entry_value_text((r ->> 'score')::numeric, (r ->> 'rating')::boolean)
  end
$$;
grant execute on function private.entry_row_text(jsonb) to authenticated, service_role;

create or replace function public.entry_history(p_student_id uuid, p_subject_id uuid, p_school_year_id uuid, p_semester int,
                                                p_kind public.entry_kind, p_seq int default 1)
returns table (occurred_at timestamptz, action text, actor_name text, old_value text, new_value text,
               correction_request_id uuid, audit_id bigint)
language sql stable set search_path = ''
as $$
  with ids as (
    select distinct coalesce(r ->> 'id', '') as id
    from public.audit_log a, jsonb_array_elements(coalesce(a.new_rows, '[]') || coalesce(a.old_rows, '[]')) r
    where a.table_name = 'score_entries' and a.school_year_id = p_school_year_id and a.student_ids @> array[p_student_id]
      and r ->> 'student_id' = p_student_id::text and r ->> 'subject_id' = p_subject_id::text
      and r ->> 'kind' = p_kind::text and (r ->> 'seq')::int = p_seq
      and (r ->> 'semester')::int is not distinct from p_semester
  )
  select a.occurred_at, a.action, p.full_name, private.entry_row_text(o.r), private.entry_row_text(n.r),
         (n.r ->> 'correction_request_id')::uuid, a.id
  from public.audit_log a
  left join public.profiles p on p.id = a.actor_id
  -- (Qualified: an unqualified `r` in the second lateral would name o.r, a column, before its own table.)
  left join lateral (select e.value as r from jsonb_array_elements(a.old_rows) e where e.value ->> 'id' in (select id from ids) limit 1) o on true
  left join lateral (select e.value as r from jsonb_array_elements(a.new_rows) e where e.value ->> 'id' in (select id from ids) limit 1) n on true
  where a.table_name = 'score_entries' and a.row_keys && (select array_agg(id) from ids)
  order by a.id
$$;
