-- Province scale (issue 13): the correction inbox (BGH, every request of the school, with item counts and
-- `count=exact`) took 12.6 / 16.3 ms p50 / p95 as the user against 7.8 / 9.6 ms as the service role
-- (ratio 1.7). Two causes, both the same shape, `x in (select <set-returning helper>())`:
--
-- 1. The three policies (requests, items, witnesses) compared each row to the readable set as a hashed
--    subplan: a filter, never an index condition. PostgREST evaluates them three times per inbox request
--    (the rows, `count=exact`, the `correction_items(count)` embed), each time a sequential scan of the
--    province's 4,800 requests; and the planner, guessing half the table passes, joined the embeds
--    (requester, class) by hashing whole tables: 18,846 profiles, 7,228 classes.
-- 2. Inside private.readable_correction_ids(), the BGH arm `school_year_id in (select my_year_ids(…))`
--    was planned as a hash semi-join over a sequential scan of every request too (0.69 ms a call, called
--    three times), although correction_requests_year_idx (school year, status) answers it; 20261203000900
--    split the arms for that index, but the planner's guess for the helper's rows kept the scan.
--
-- `x = any (array(select <helper>()))` computes the set once per statement (an InitPlan) and is an index
-- condition: the policies find the readable requests by primary key (the planner now expects a few rows
-- and joins the embeds by their keys), and each arm of the helper uses its index. Measured in SQL as the
-- BGH of school-001 on the province (prepared, median of 20): the inbox statement 14.3 → 3.0 ms, the
-- helper 0.69 → 0.22 ms. Who reads which request does not change: `= any` and `in` agree for every value,
-- NULL included.

create or replace function private.readable_correction_ids()
returns setof uuid
language plpgsql stable security definer rows 50 set search_path = ''
as $$ begin
  return query
  select q.id from public.correction_requests q where q.requested_by = (select auth.uid())
  union
  select q.id from public.correction_requests q
  where q.school_year_id = any (array(select private.my_year_ids('{admin_board,principal,vice_principal,inspector}')))
    and q.status <> 'draft'
  union
  select q.id from public.correction_requests q
  where q.class_id = any (array(select private.homeroom_class_ids())) and q.status <> 'draft'
  union
  select w.request_id from public.correction_witnesses w where w.profile_id = (select auth.uid());
end $$;

alter policy correction_requests_select on public.correction_requests
  using (id = any (array(select private.readable_correction_ids())));
alter policy correction_items_select on public.correction_items
  using (request_id = any (array(select private.readable_correction_ids())));
alter policy correction_witnesses_select on public.correction_witnesses
  using (request_id = any (array(select private.readable_correction_ids())));
