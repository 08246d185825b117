-- Account events: the record, in Postgres and audited, of every account created by an admin board and
-- every password reset (issue 11, finding 2). Auth (GoTrue) keeps its own log, but it is not the school's:
-- it is not in the hash-chained audit log, not readable by the school's board and BGH, and it does not
-- say which school did it. This table is also how Postgres knows "whom a board created": a role may be
-- granted to an account the school's board created even before it holds any role there
-- (20261122003101). Rows are written only by the staff-accounts path: `create` by the function with the
-- service role after it checked the caller, `reset_password` by rpc authorize_password_reset run as the
-- caller (20261122003102). Append-only: nobody updates or deletes them.

create type public.account_event_kind as enum ('create', 'reset_password');

create table public.account_events (
  id uuid primary key default extensions.gen_random_uuid(),
  -- The school the act is recorded under (the audit chain it lands in): the board's school, or for a
  -- BGH password reset by a Phòng/Sở officer the school where the person is BGH.
  school_id uuid not null references public.org_units (id) on delete restrict,
  kind public.account_event_kind not null,
  -- The account created or whose password was reset.
  profile_id uuid not null references public.profiles (id) on delete restrict,
  -- Who did it, and in which capacity (admin_board, district_officer, province_officer).
  actor_id uuid not null references public.profiles (id) on delete restrict,
  actor_role public.app_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint account_events_actor_check check (actor_id <> profile_id)
);
comment on table public.account_events is
  'Tài khoản được tạo và mật khẩu được đặt lại: by whom, for whom, under which school. Append-only, audited; read by the school''s admin board and BGH.';
comment on column public.account_events.school_id is
  'The school the act is recorded under: the creating or resetting board''s school; for a BGH reset from the Phòng/Sở, the school where the person is BGH.';
create index account_events_school_idx on public.account_events (school_id, created_at);
create index account_events_profile_idx on public.account_events (profile_id, kind, school_id);
create index account_events_actor_idx on public.account_events (actor_id);

alter table public.account_events enable row level security;
-- Clients only read. The service role inserts `create` rows (the staff-accounts function, after checking
-- the caller as the caller); `reset_password` rows come from a security-definer RPC. No update, delete or
-- truncate for anybody: the rows are evidence.
-- (Hosted projects' default privileges give the service role everything on new tables: taken back.)
revoke all on public.account_events from anon, authenticated, service_role;
grant select on public.account_events to authenticated;
grant select, insert on public.account_events to service_role;

create policy account_events_select on public.account_events for select to authenticated
  using (school_id in (select private.my_school_ids('{admin_board,principal,vice_principal}'))
         or actor_id = (select auth.uid())
         or profile_id = (select auth.uid()));
comment on policy account_events_select on public.account_events is
  'The admin board and BGH of the school read its account records; the actor reads what they did; everybody reads the records about their own account.';

select private.enable_audit('public.account_events');
