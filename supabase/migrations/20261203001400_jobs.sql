-- One jobs facility for every batch (issue 14, item 5): printing a class now; signing, backups and the
-- rest later. A job is a list of small steps in Postgres; a worker (the `jobs` edge function) claims a
-- few steps at a time under a lease, does each in one request that stays far under hosted Supabase's
-- limits (about 2 s of CPU, 256 MB), and records the outcome. A worker that dies leaves its steps
-- "running" with an expired lease: the next claim takes them again (a step is retried up to 5 times,
-- then failed with its last error). Steps are idempotent (printing an archived year twice serves the
-- same version), so a retried step never makes a second document.
--
-- Who drives the worker: on a hosted project Supabase Cron (pg_cron + pg_net) posts to the function
-- every few seconds (docs/JOBS.md); on the local stack the stack's own runner does the same. Nothing
-- else is needed: progress lives here, not in a browser.
--
-- Who may create a job: checked as the caller when it is created (the rights of the kind: for
-- print_class, whoever may print every student of the class); the worker then acts on the recorded job
-- with the service role. Jobs are read by their creator and the school's admin board, clerk and BGH.

create type public.job_status as enum ('queued', 'running', 'done', 'failed');
create type public.job_step_status as enum ('queued', 'running', 'done', 'failed');

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  kind text not null check (kind in ('print_class')),
  params jsonb not null default '{}',
  label text not null,
  status public.job_status not null default 'queued',
  total integer not null default 0,
  done integer not null default 0,
  failed integer not null default 0,
  created_by uuid references public.profiles (id) on delete restrict,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jobs_school_idx on public.jobs (school_id, created_at desc);
create index jobs_created_by_idx on public.jobs (created_by);
comment on table public.jobs is 'Batches (print a class, …) processed in small steps by the jobs worker; progress done/total.';

create table public.job_steps (
  id bigint generated always as identity primary key,
  job_id uuid not null references public.jobs (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  seq integer not null,
  params jsonb not null,
  status public.job_step_status not null default 'queued',
  attempts integer not null default 0,
  lease_until timestamptz,
  error text,
  result jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (job_id, seq)
);
create index job_steps_claim_idx on public.job_steps (status, lease_until) where status in ('queued', 'running');
create index job_steps_school_idx on public.job_steps (school_id);
comment on table public.job_steps is 'The steps of a job: each one request of the worker; retried when its lease expires.';

alter table public.jobs enable row level security;
alter table public.job_steps enable row level security;
grant select on public.jobs, public.job_steps to authenticated;
grant all on public.jobs, public.job_steps to service_role;

create policy jobs_select on public.jobs for select to authenticated
  using (created_by = (select auth.uid())
         or school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal}')));
comment on policy jobs_select on public.jobs is 'A job''s creator, and the school''s admin board, clerk and BGH, follow its progress.';
create policy job_steps_select on public.job_steps for select to authenticated
  using (job_id in (select j.id from public.jobs j));
comment on policy job_steps_select on public.job_steps is 'The steps (and their errors) of the jobs the caller reads.';

/**
 * Print a class's transcripts for one school year as a job: one step per student of the class (the
 * year's archived unit). The caller must be allowed to print every student of the class (the admin
 * board or the clerk of the school; the class's GVCN this year), and the year must be locked for the
 * class (a batch makes originals, never drafts). Returns the job's id.
 */
create function public.create_print_job(p_class_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  c record;
  job uuid;
  n integer;
begin
  select k.id, k.name, k.school_id, k.school_year_id, y.code into c
  from public.classes k join public.school_years y on y.id = k.school_year_id where k.id = p_class_id;
  if not found or exists (
    select 1 from public.enrolments e
    where e.class_id = p_class_id and e.end_reason is distinct from 'class_change' and not private.may_print_student(e.student_id)
  ) or not (c.school_id in (select private.my_school_ids('{admin_board,clerk}'))
            or p_class_id in (select private.homeroom_class_ids())) then
    raise exception 'Bạn không có quyền in học bạ của lớp này.' using errcode = '42501';
  end if;
  if not coalesce(private.gradebook_locked(c.school_year_id, null, c.id, null), false) then
    raise exception 'Năm học % của lớp % chưa khoá sổ: chỉ in được bản nháp của từng học sinh.', c.code, c.name using errcode = '22023';
  end if;
  insert into public.jobs (school_id, kind, params, label, created_by)
  values (c.school_id, 'print_class', jsonb_build_object('class_id', c.id, 'school_year_id', c.school_year_id),
          'In học bạ lớp ' || c.name || ' năm học ' || c.code, (select auth.uid()))
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, c.school_id, row_number() over (order by s.given_name, s.family_name, s.middle_name, s.id),
         jsonb_build_object('student_id', e.student_id, 'school_year_id', c.school_year_id)
  from public.enrolments e join public.students s on s.id = e.student_id
  where e.class_id = p_class_id and e.end_reason is distinct from 'class_change';
  get diagnostics n = row_count;
  update public.jobs set total = n, status = case when n = 0 then 'done'::public.job_status else status end,
    finished_at = case when n = 0 then now() end
  where id = job;
  return job;
end $$;
revoke execute on function public.create_print_job(uuid) from public, anon;
grant execute on function public.create_print_job(uuid) to authenticated;

/**
 * The worker's claim (service role only): up to p_limit steps that are queued, or running with an
 * expired lease (their worker died), in job order; each gets a lease of p_lease_seconds and one more
 * attempt. A step that has used 5 attempts is failed instead, with its last error. Concurrent workers
 * never claim the same step (skip locked).
 */
create function public.claim_job_steps(p_limit integer default 1, p_lease_seconds integer default 60) returns setof public.job_steps
language plpgsql volatile set search_path = '' as $$
begin
  with exhausted as (
    update public.job_steps s set status = 'failed', error = coalesce(s.error, 'Hết số lần thử'), updated_at = now()
    where s.status = 'running' and s.lease_until < now() and s.attempts >= 5
    returning s.job_id
  )
  update public.jobs j set failed = j.failed + x.n, updated_at = now()
  from (select job_id, count(*)::int as n from exhausted group by job_id) x where j.id = x.job_id;
  return query
  update public.job_steps s
  set status = 'running', attempts = s.attempts + 1, lease_until = now() + make_interval(secs => p_lease_seconds), updated_at = now()
  where s.id in (
    select q.id from public.job_steps q
    where q.status = 'queued' or (q.status = 'running' and q.lease_until < now() and q.attempts < 5)
    order by q.job_id, q.seq
    limit p_limit
    for update skip locked
  )
  returning s.*;
  update public.jobs j set status = 'running', started_at = coalesce(j.started_at, now()), updated_at = now()
  where j.status = 'queued' and exists (select 1 from public.job_steps s where s.job_id = j.id and s.status <> 'queued');
end $$;
revoke execute on function public.claim_job_steps(integer, integer) from public, anon, authenticated;
grant execute on function public.claim_job_steps(integer, integer) to service_role;

/**
 * The worker records a step's outcome (service role only). A success counts once (a step finished
 * twice — a late worker whose lease had expired — changes nothing the second time). A failure puts the
 * step back in the queue until its 5th attempt. The job is done when no step is left.
 */
create function public.finish_job_step(p_step_id bigint, p_ok boolean, p_error text default null, p_result jsonb default null)
returns void
language plpgsql volatile set search_path = '' as $$
declare
  s public.job_steps;
begin
  select * into s from public.job_steps where id = p_step_id for update;
  if not found or s.status in ('done', 'failed') then
    return;
  end if;
  if p_ok then
    update public.job_steps set status = 'done', result = p_result, error = null, lease_until = null, updated_at = now() where id = s.id;
    update public.jobs set done = done + 1, updated_at = now() where id = s.job_id;
  elsif s.attempts >= 5 then
    update public.job_steps set status = 'failed', error = p_error, lease_until = null, updated_at = now() where id = s.id;
    update public.jobs set failed = failed + 1, updated_at = now() where id = s.job_id;
  else
    update public.job_steps set status = 'queued', error = p_error, lease_until = null, updated_at = now() where id = s.id;
  end if;
  update public.jobs set status = case when failed > 0 then 'failed'::public.job_status else 'done'::public.job_status end,
                         finished_at = now(), updated_at = now()
  where id = s.job_id and done + failed = total;
end $$;
revoke execute on function public.finish_job_step(bigint, boolean, text, jsonb) from public, anon, authenticated;
grant execute on function public.finish_job_step(bigint, boolean, text, jsonb) to service_role;

/**
 * The transcript data of a print step (service role only: the worker has no user). The job's creator
 * was checked when the job was created; this reads the step's student and year as the builder does for
 * transcript_data, with the owner's rights.
 */
create function public.job_transcript_data(p_step_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  s public.job_steps;
begin
  select * into s from public.job_steps where id = p_step_id;
  if not found then
    raise exception 'Không có bước việc này' using errcode = 'P0002';
  end if;
  return private.transcript_json((s.params ->> 'student_id')::uuid, (s.params ->> 'school_year_id')::uuid, false);
end $$;
revoke execute on function public.job_transcript_data(bigint) from public, anon, authenticated;
grant execute on function public.job_transcript_data(bigint) to service_role;
