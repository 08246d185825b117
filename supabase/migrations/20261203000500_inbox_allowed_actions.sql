-- Province scale (issue 13): BGH's correction inbox (Yêu cầu sửa điểm: 24 requests with their
-- allowed_actions) took 18.5 ms p50 as the user, 5.5 ms of it reading the rows: allowed_actions asked
-- the refusal rule about all ten statuses of each row, 240 calls of private.correction_step_refusal,
-- each calling private.correction_edge_allowed — an SQL function with a SET clause, which Postgres
-- cannot inline and runs through the function manager with a configuration change on every call.
--
-- * correction_edge_allowed loses its SET clause (it reads no table and names no object: only its
--   arguments and enum literals), so Postgres inlines it as the expression it is.
-- * allowed_actions asks the refusal rule only about the statuses the machine allows from the row's
--   status (one to two per row); the others it would refuse with PT409 anyway. The answer is the same;
--   correction_step_refusal stays the one rule (it still checks the edge first for advance_correction).

create or replace function private.correction_edge_allowed(from_status public.correction_status, to_status public.correction_status)
returns boolean
language sql immutable
as $$
  select (from_status, to_status) in (
    ('draft', 'submitted'), ('draft', 'withdrawn'), ('submitted', 'withdrawn'),
    ('submitted', 'forwarded'), ('forwarded', 'approved'), ('forwarded', 'rejected'),
    ('approved', 'unlocked'), ('unlocked', 'edited'), ('unlocked', 'relocked'), ('edited', 'relocked'),
    ('relocked', 'minuted'))
$$;
-- allowed_actions runs as its caller: the rule's edge test must be theirs to call (it reveals nothing).
grant execute on function private.correction_edge_allowed(public.correction_status, public.correction_status) to authenticated, service_role;

create or replace function public.allowed_actions(q public.correction_requests) returns public.correction_status[]
language sql stable set search_path = ''
as $$
  select coalesce(array_agg(s order by s), '{}')
  from unnest(enum_range(null::public.correction_status)) s
  where private.correction_edge_allowed(q.status, s)
    and (private.correction_step_refusal(q, (select auth.uid()), s)).code is null
$$;
