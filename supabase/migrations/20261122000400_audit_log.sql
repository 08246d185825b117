-- The audit log: every insert, update and delete on an audited table, written only by triggers,
-- hash-chained (each entry's hash covers its content and the previous entry's hash), one chain per
-- school and school year so writers of different schools never queue behind each other. Statement-level
-- triggers with transition tables write one entry per statement and chain, so a bulk load is one entry
-- per batch. No role may insert, update or delete entries; nothing expires.

create table public.audit_chains (
  school_id uuid not null references public.org_units (id) on delete restrict,
  -- The nil uuid stands for rows that belong to no school year (e.g. students).
  school_year_key uuid not null,
  last_seq bigint not null default 0,
  last_hash bytea,
  primary key (school_id, school_year_key)
);
comment on table public.audit_chains is 'Head of each audit chain (one per school and school year).';
alter table public.audit_chains enable row level security;
grant select on public.audit_chains to service_role;

create table public.audit_log (
  id bigint generated always as identity primary key,
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid references public.school_years (id) on delete restrict,
  seq bigint not null,
  occurred_at timestamptz not null default clock_timestamp(),
  actor_id uuid,
  actor_role text not null,
  table_name text not null,
  action text not null check (action in ('insert', 'update', 'delete')),
  -- Keys of the rows the statement touched in this chain, and their old and new values.
  row_keys text[] not null,
  old_rows jsonb,
  new_rows jsonb,
  prev_hash bytea,
  hash bytea not null,
  unique (school_id, school_year_id, seq)
);
comment on table public.audit_log is
  'Nhật ký: who changed what and when, hash-chained per school and school year; written only by triggers.';
create index audit_log_chain_idx on public.audit_log (school_id, school_year_id, seq);
create index audit_log_table_idx on public.audit_log (table_name, occurred_at);
create index audit_log_row_keys_idx on public.audit_log using gin (row_keys);

alter table public.audit_log enable row level security;
grant select on public.audit_log to authenticated, service_role;
-- No insert/update/delete grant to anyone: only the security-definer trigger writes.

-- The content an entry's hash covers, in one canonical text form (jsonb's text output is canonical).
create function private.audit_content(e public.audit_log) returns text
language sql immutable set search_path = ''
as $$
  select jsonb_build_object(
    'school_id', e.school_id, 'school_year_id', e.school_year_id, 'seq', e.seq,
    'occurred_at', e.occurred_at, 'actor_id', e.actor_id, 'actor_role', e.actor_role,
    'table_name', e.table_name, 'action', e.action, 'row_keys', e.row_keys,
    'old_rows', e.old_rows, 'new_rows', e.new_rows)::text
$$;

create function private.audit_hash(prev bytea, content text) returns bytea
language sql immutable set search_path = ''
as $$ select extensions.digest(coalesce(prev, ''::bytea) || convert_to(content, 'UTF8'), 'sha256') $$;

-- The trigger: one entry per statement and chain. Rows are grouped by their school_id and
-- school_year_id columns (tables without school_year_id chain under the school alone).
create function private.audit_statement() returns trigger
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
           jsonb_agg(new_j order by k ->> key_column) filter (where new_j is not null) as news
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
    insert into public.audit_log (school_id, school_year_id, seq, occurred_at, actor_id, actor_role, table_name,
                                  action, row_keys, old_rows, new_rows, prev_hash, hash)
    values (entry.school_id, entry.school_year_id, entry.seq, entry.occurred_at, entry.actor_id, entry.actor_role,
            entry.table_name, entry.action, entry.row_keys, entry.old_rows, entry.new_rows, entry.prev_hash, entry.hash);
    update public.audit_chains c set last_seq = entry.seq, last_hash = entry.hash
    where c.school_id = g.school_id and c.school_year_key = coalesce(g.school_year_id, nil);
  end loop;
  return null;
end
$$;
revoke execute on function private.audit_statement() from public, anon, authenticated;

-- Turns auditing on for a table (it must have `school_id` and a key column, `id` by default). Used by
-- this and later migrations.
create function private.enable_audit(target regclass, key_column text default 'id') returns void
language plpgsql set search_path = ''
as $$
begin
  execute format('create trigger audit_insert after insert on %s referencing new table as new_rows
                  for each statement execute function private.audit_statement(%L)', target, key_column);
  execute format('create trigger audit_update after update on %s referencing old table as old_rows new table as new_rows
                  for each statement execute function private.audit_statement(%L)', target, key_column);
  execute format('create trigger audit_delete after delete on %s referencing old table as old_rows
                  for each statement execute function private.audit_statement(%L)', target, key_column);
end
$$;
revoke execute on function private.enable_audit(regclass, text) from public, anon, authenticated;

-- Verifies one chain from its first entry: returns the id of the first entry whose hash does not
-- match its content and predecessor (or whose sequence has a gap), or null when the chain is intact.
-- Callable by the admin board, BGH and IT staff of the school, and the service role. Cost: linear in
-- the chain's length.
create function public.verify_audit_chain(p_school_id uuid, p_school_year_id uuid default null)
returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.audit_log;
  prev bytea := null;
  expected_seq bigint := 1;
begin
  if (select auth.role()) is distinct from 'service_role'
     and session_user not in ('postgres')
     and p_school_id not in (select private.my_school_ids('{admin_board,principal,vice_principal,it_staff}')) then
    raise exception 'Bạn không có quyền kiểm tra nhật ký của trường này' using errcode = '42501';
  end if;
  for e in
    select * from public.audit_log a
    where a.school_id = p_school_id and a.school_year_id is not distinct from p_school_year_id
    order by a.seq
  loop
    if e.seq <> expected_seq or e.prev_hash is distinct from prev
       or e.hash <> private.audit_hash(prev, private.audit_content(e)) then
      return e.id;
    end if;
    prev := e.hash;
    expected_seq := expected_seq + 1;
  end loop;
  return null;
end
$$;
revoke execute on function public.verify_audit_chain(uuid, uuid) from public, anon;
grant execute on function public.verify_audit_chain(uuid, uuid) to authenticated, service_role;

-- Reading: the admin board, BGH and IT staff read their school's log (the people who answer for the
-- data); everybody reads the entries of their own actions.
create policy audit_log_select on public.audit_log for select to authenticated
  using (
    school_id in (select private.my_school_ids('{admin_board,principal,vice_principal,it_staff}'))
    or actor_id = (select auth.uid())
  );
comment on policy audit_log_select on public.audit_log is
  'The admin board, BGH and IT staff read their school''s audit log; everyone reads entries of their own actions.';
create index audit_log_actor_idx on public.audit_log (actor_id);
