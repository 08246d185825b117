-- Province scale (issue 13): every read of the correction inbox — the requests, their count, the item
-- counts embedded per request — asks private.readable_correction_ids(), and its second arm
-- (`q.school_year_id in (…) or q.class_id in (…)`) was one filter over every correction request of the
-- project: a scan of the province's 4,800 requests, 1.7 ms, three times per inbox request.
--
-- The two conditions become two arms of the union, each answered by its index (correction_requests_year_idx
-- on year and status, correction_requests_class_idx); PL/pgSQL, as the other helpers (20261122001201), so
-- each connection keeps its plans. Who reads which request does not change.

create or replace function private.readable_correction_ids()
returns setof uuid
language plpgsql stable security definer rows 50 set search_path = ''
as $$ begin
  return query
  select q.id from public.correction_requests q where q.requested_by = (select auth.uid())
  union
  select q.id from public.correction_requests q
  where q.school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal,inspector}'))
    and q.status <> 'draft'
  union
  select q.id from public.correction_requests q
  where q.class_id in (select private.homeroom_class_ids()) and q.status <> 'draft'
  union
  select w.request_id from public.correction_witnesses w where w.profile_id = (select auth.uid());
end $$;
