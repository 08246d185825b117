-- The steps of a class's results the caller may take now, answered by the database (issue 12, "each
-- rule once"): the Duyệt và công bố screen computed them in TypeScript from the status and the caller's
-- roles (publications.ts actionsFor), a second copy of rpc/advance_results's rules that could drift, and
-- offered a GVCN "Trình duyệt" on an incomplete class that the server then refused. Now
-- rpc/publication_steps answers, for every class of a year the caller reads, the period's status, the
-- steps the caller may take (the transitions advance_results accepts from that status for that caller:
-- the GVCN proposes a complete class and withdraws, BGH returns, approves what they did not propose
-- and publishes) and, for the caller's own class in draft, what is still missing before it can be
-- proposed. The transition table lives in private.publication_steps, one place.

-- The steps from `p_status` for a caller who is (or not) the class's GVCN and (or not) BGH of its
-- year, `p_proposer` telling whether the caller proposed it (nobody approves their own proposal).
-- Pure; immutable.
create function private.publication_steps(p_status public.publication_status, p_homeroom boolean, p_bgh boolean, p_proposer boolean)
returns text[]
language sql immutable set search_path = ''
as $$
  select array_remove(array[
    case when p_homeroom and p_status = 'draft' then 'propose' end,
    case when p_homeroom and p_status = 'proposed' then 'withdraw' end,
    case when p_bgh and p_status = 'proposed' then 'return' end,
    case when p_bgh and p_status = 'proposed' and not p_proposer then 'approve' end,
    case when p_bgh and p_status = 'approved' then 'publish' end
  ], null)
$$;
revoke execute on function private.publication_steps(public.publication_status, boolean, boolean, boolean) from public, anon;
grant execute on function private.publication_steps(public.publication_status, boolean, boolean, boolean) to authenticated, service_role;
comment on function private.publication_steps(public.publication_status, boolean, boolean, boolean) is
  'Các bước của rpc/advance_results mà người gọi được làm từ trạng thái p_status (GVCN: trình, rút; BGH: trả lại, duyệt — trừ bản mình trình —, công bố).';

-- For every class of the year, to the staff of that year (who read every class and publication of it:
-- classes_select, result_publications_select), the publication status of the period (null semester =
-- cả năm; no row = draft), the steps the caller may take now, and for the caller's own class in draft
-- what is missing before it can be proposed (then `propose` is not offered). Anybody else (a family,
-- another school, an unknown year) gets no rows. Security definer for private.missing_results, which
-- reads the class's results as advance_results does. Cost: one pass over the year's classes and
-- publications; missing_results only for the caller's own draft classes.
create function public.publication_steps(p_school_year_id uuid, p_semester int)
returns table (class_id uuid, status public.publication_status, steps text[], missing text)
language sql stable security definer set search_path = ''
as $$
  with me as (
    select (select auth.uid()) as uid,
           private.holds_role((select auth.uid()), p_school_year_id, '{principal,vice_principal}') as bgh
  ), year_classes as (
    select c.id, coalesce(p.status, 'draft'::public.publication_status) as status,
           c.id in (select private.homeroom_class_ids()) as homeroom,
           me.bgh, p.proposed_by is not distinct from me.uid and p.proposed_by is not null as proposer
    from public.classes c
    cross join me
    left join public.result_publications p on p.class_id = c.id and p.semester is not distinct from p_semester
    where c.school_year_id = p_school_year_id
      and p_school_year_id in (select private.my_year_ids(private.school_staff_roles()))
  ), checked as (
    select r.*, case when r.homeroom and r.status = 'draft' then nullif(private.missing_results(r.id, p_semester), '') end as missing
    from year_classes r
  )
  select k.id, k.status,
         private.publication_steps(k.status, k.homeroom and k.missing is null, k.bgh, k.proposer),
         k.missing
  from checked k
$$;
revoke execute on function public.publication_steps(uuid, int) from public, anon;
grant execute on function public.publication_steps(uuid, int) to authenticated, service_role;
comment on function public.publication_steps(uuid, int) is
  'Trạng thái duyệt kết quả của từng lớp trong năm học (kỳ p_semester; null = cả năm), các bước người gọi được làm ngay (propose, withdraw, return, approve, publish) và, với lớp mình chủ nhiệm chưa trình, những gì còn thiếu.';
