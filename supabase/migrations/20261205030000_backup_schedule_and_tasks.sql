-- Backups on the school calendar, and the decisions they wait for on the start page (issue 19, items 1
-- and 6; migration 20261205020000_backups.sql).
--
-- * rpc/schedule_backups (the service role: the local stack's job runner beside schedule_integrity_checks,
--   or a hosted project's cron as the owner): when semester I of a school year has ended, a semester
--   backup of it; when the year has ended, a year backup (it holds semester II). Due for 30 days after the
--   period's last day (by the app's "today"), once: a backup of that period that is running or done (a
--   failed one does not count) is not taken again; a school with a backup running waits for the next tick.
--   Past 30 days a missed period is left to IT staff (an on-demand or period backup from the screen).
-- * private.is_service also answers for the owner's own session (a cron entry runs as the owner): the
--   worker's and the schedule's RPCs accept it as they accept the service role.
-- * rpc/my_start_page: the core of 20261205011000 (renamed private.start_page_core), with the backup
--   items joined to the sections of the roles they are for: BGH see the download requests waiting for
--   their approval (never their own), the principal the restore requests waiting for the decision, IT
--   staff their approved downloads not yet fetched and their restores that failed. Read as the caller
--   (security invoker: the rows RLS shows them).

create or replace function private.is_service() returns boolean
language sql stable set search_path = '' as $$
  select coalesce((select auth.role()), '') = 'service_role' or session_user::text = 'postgres'
$$;

/**
 * rpc/schedule_backups (service role): starts the backups the calendar asks for (see the header).
 * Returns how many were started.
 */
create function public.schedule_backups() returns int
language plpgsql volatile security definer set search_path = '' as $$
declare
  today constant date := public.app_today();
  d record;
  n int := 0;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền lập lịch sao lưu.' using errcode = '42501';
  end if;
  for d in
    select distinct on (p.school_id) p.school_id, p.year_id, p.kind, p.semester
    from (
      select y.school_id, y.id as year_id, 'semester' as kind, 1 as semester, y.semester1_ends_on as ended_on from public.school_years y
      union all
      select y.school_id, y.id, 'year', null, y.ends_on from public.school_years y
    ) p
    join public.org_units o on o.id = p.school_id and o.kind = 'school'
    where p.ended_on < today and p.ended_on >= today - 30
      and not exists (select 1 from public.backups b where b.school_id = p.school_id and b.status in ('running', 'done')
                        and b.kind = p.kind and b.school_year_id = p.year_id and b.semester is not distinct from p.semester)
      and not exists (select 1 from public.backups b where b.school_id = p.school_id and b.status = 'running')
    order by p.school_id, p.ended_on
  loop
    perform public.start_backup(d.school_id, d.kind, d.year_id, d.semester);
    n := n + 1;
  end loop;
  return n;
end $$;
revoke execute on function public.schedule_backups() from public, anon, authenticated;
grant execute on function public.schedule_backups() to service_role;

-- ───────────────────────────── the start page ─────────────────────────────
alter function public.my_start_page() set schema private;
alter function private.my_start_page() rename to start_page_core;
comment on function private.start_page_core() is 'The start page without the backup items (rpc/my_start_page joins them).';

-- The backup items of the caller (roles of the school's current year), each with its role and school.
create function private.start_page_backup_items() returns jsonb
language sql stable security invoker set search_path = '' as $$
  with mine as (
    select m.org_unit_id as school_id, array_agg(distinct m.role::text) as roles
    from public.memberships m
    where m.profile_id = (select auth.uid()) and m.role in ('principal', 'vice_principal', 'it_staff')
      and m.school_year_id = private.current_school_year_id(m.org_unit_id)
    group by m.org_unit_id
  )
  select coalesce(jsonb_agg(i.item order by i.rank), '[]') from (
    -- BGH: download requests of others waiting for an approval.
    select 1 as rank, jsonb_build_object('role', case when 'principal' = any (me.roles) then 'principal' else 'vice_principal' end,
             'school_id', me.school_id, 'kind', 'backup_download_to_decide', 'tone', 'warning', 'count', count(*),
             'labels', string_agg(b.label, ', ' order by d.requested_at), 'link', '/backups') as item
    from mine me
    join public.backup_downloads d on d.school_id = me.school_id and d.status = 'requested' and d.requested_by <> (select auth.uid())
    join public.backups b on b.id = d.backup_id
    where me.roles && array['principal', 'vice_principal']
    group by me.school_id, me.roles
    union all
    -- The principal: restore requests waiting for the decision.
    select 2, jsonb_build_object('role', 'principal', 'school_id', me.school_id, 'kind', 'restore_to_decide', 'tone', 'danger',
             'label', b.label, 'reason', r.reason, 'link', '/backups')
    from mine me
    join public.restore_requests r on r.school_id = me.school_id and r.status = 'requested'
    join public.backups b on b.id = r.backup_id
    where 'principal' = any (me.roles)
    union all
    -- IT staff: their approved downloads not fetched yet (the approval expires on the real clock).
    select 3, jsonb_build_object('role', 'it_staff', 'school_id', me.school_id, 'kind', 'backup_download_approved', 'tone', 'info',
             'label', b.label, 'approved_until', d.approved_until, 'link', '/backups')
    from mine me
    join public.backup_downloads d on d.school_id = me.school_id and d.requested_by = (select auth.uid())
      and d.status = 'approved' and d.links_issued = 0 and d.approved_until > now()
    join public.backups b on b.id = d.backup_id
    where 'it_staff' = any (me.roles)
    union all
    -- IT staff: a restore whose check or application failed (nothing was replaced).
    select 4, jsonb_build_object('role', 'it_staff', 'school_id', me.school_id, 'kind', 'restore_failed', 'tone', 'danger',
             'label', b.label, 'link', '/backups')
    from mine me
    join public.restore_requests r on r.school_id = me.school_id and r.status in ('check_failed', 'failed')
      and r.requested_at > private.app_now() - interval '30 days'
    join public.backups b on b.id = r.backup_id
    where 'it_staff' = any (me.roles)
  ) i
$$;
revoke execute on function private.start_page_backup_items() from public, anon;
grant execute on function private.start_page_backup_items() to authenticated;

/**
 * rpc/my_start_page: what waits for the caller now, per role (20261204012000_start_page.sql), with the
 * backup items in the sections of their roles.
 */
create function public.my_start_page() returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  page constant jsonb := private.start_page_core();
  extra constant jsonb := private.start_page_backup_items();
begin
  if extra = '[]' then
    return page;
  end if;
  -- The caller holds each item's role at its school this year, so its section is there.
  return jsonb_set(page, '{sections}', (
    select coalesce(jsonb_agg(case when m.more is null then x.s else jsonb_set(x.s, '{items}', (x.s -> 'items') || m.more) end order by x.ord), '[]')
    from jsonb_array_elements(page -> 'sections') with ordinality x (s, ord)
    cross join lateral (select jsonb_agg(it - 'role' - 'school_id') as more from jsonb_array_elements(extra) it
                        where it ->> 'role' = x.s ->> 'role' and it ->> 'school_id' is not distinct from x.s ->> 'school_id') m));
end $$;
revoke execute on function public.my_start_page() from public, anon;
grant execute on function public.my_start_page() to authenticated;
comment on function public.my_start_page() is
  'Trang chủ: per role of the caller, what waits for them now (sheets behind, approvals, signatures, module tasks, family results, backups to decide), each item a link.';
