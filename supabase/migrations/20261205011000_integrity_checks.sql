-- Integrity checks (issue 19, item 3; seed 004 Điều 8: IT staff check the data's integrity and safety
-- regularly). A check of a school is a job of the jobs facility (docs/JOBS.md), in small steps:
--   1. the audit chains: every chain of the school verified from its first entry (hash, predecessor and
--      sequence: an edited or removed entry breaks it) and its last entry held against the chain's head
--      (entries cut from the end do not break a walk, the head shows them);
--   2. the archived files, 20 a step: every archived PDF (documents), every signed copy (signed-documents),
--      every recorded dossier file (dossiers) read back from Storage and its SHA-256 compared with the one
--      recorded when it was stored — bytes changed in the storage are named by document;
--   3. the result: intact or broken, with every finding, kept (never deleted: a record, issue 19 item 4).
-- Backups' manifests join the check when backups exist (issue 19, items 1–2).
-- Who: IT staff start one from Trạng thái hệ thống; the schedule starts one per school when the last is a
-- week old (rpc schedule_integrity_checks: the local stack's job runner calls it, a hosted project's cron).
-- IT staff, the admin board and BGH read the results; a broken check is on BGH's and IT staff's start page.

create table public.integrity_checks (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  trigger text not null check (trigger in ('manual', 'scheduled')),
  requested_by uuid references public.profiles (id) on delete restrict,
  job_id uuid references public.jobs (id) on delete restrict,
  status text not null default 'running' check (status in ('running', 'intact', 'broken', 'failed')),
  -- What was checked: chains, entries, documents, signed, dossier_files.
  checked jsonb not null default '{}',
  -- Each finding: {kind: audit_chain | audit_tail | file_missing | file_changed, what, detail}.
  findings jsonb not null default '[]',
  started_at timestamptz not null default private.app_now(),
  finished_at timestamptz
);
create index integrity_checks_school_idx on public.integrity_checks (school_id, started_at desc);
comment on table public.integrity_checks is 'Integrity checks of a school (audit chains, archived files): who, when, what was checked, what broke.';
alter table public.integrity_checks enable row level security;
revoke all on public.integrity_checks from anon, authenticated, service_role;
grant select on public.integrity_checks to authenticated, service_role;
create policy integrity_checks_select on public.integrity_checks for select to authenticated
  using (school_id in (select private.my_school_ids('{it_staff,admin_board,principal,vice_principal}')));
comment on policy integrity_checks_select on public.integrity_checks is 'IT staff, the admin board and BGH of the school.';

alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check check (kind in ('print_class', 'print_gradebook', 'sign_prepare', 'dossier_package', 'integrity_check'));
-- An integrity check's job has no creator (who asked is integrity_checks.requested_by) and is not among
-- the school's print and package jobs the board, the clerk and BGH follow: the check is read as a check.
drop policy jobs_select on public.jobs;
create policy jobs_select on public.jobs for select to authenticated
  using (created_by = (select auth.uid())
         or (kind <> 'integrity_check' and school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal}'))));
comment on policy jobs_select on public.jobs is 'A job''s creator, and the school''s admin board, clerk and BGH, follow its progress (integrity checks are read in integrity_checks).';

-- The archived files of a school in the order they were stored (files stored after a check started come
-- after the ones it counted, so its steps' slices cover those it counted): the bucket, the path, the
-- SHA-256 recorded, and what a person calls the file.
create function private.integrity_files(p_school_id uuid)
returns table (n bigint, kind text, bucket text, path text, sha256 text, what text)
language sql stable security definer set search_path = '' as $$
  select row_number() over (order by f.created_at, f.path), f.kind, f.bucket, f.path, f.sha256, f.what
  from (
    select 'document' as kind, 'documents' as bucket, d.storage_path as path, d.sha256, d.created_at,
           format('%s %s, bản %s (mã %s)', d.kind, coalesce(s.family_name || ' ' || s.given_name, c.name, ''), d.version, d.verification_code) as what
    from public.document_versions d
    left join public.students s on s.id = d.student_id left join public.classes c on c.id = d.class_id
    where d.school_id = p_school_id and d.storage_path is not null
    union all
    select 'signed', 'signed-documents', g.storage_path, g.sha256, g.created_at,
           format('bản ký %s của %s (mã %s)', g.revision, g.role, d.verification_code)
    from public.signatures g join public.document_versions d on d.id = g.document_version_id
    where g.school_id = p_school_id and g.storage_path is not null
    union all
    select 'dossier', 'dossiers', v.storage_path, v.sha256, v.created_at, format('hồ sơ %s, bản %s', v.file_name, v.version)
    from public.dossier_versions v
    where v.school_id = p_school_id and v.storage_path is not null
  ) f
$$;
revoke execute on function private.integrity_files(uuid) from public, anon, authenticated;
grant execute on function private.integrity_files(uuid) to service_role;

/**
 * rpc/start_integrity_check {p_school_id}: IT staff of the school (or the schedule, as the service role)
 * start a check; one at a time per school. Returns {check_id, job_id, files, steps}.
 */
create function public.start_integrity_check(p_school_id uuid, p_trigger text default 'manual') returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  -- The service role (the runner's schedule) or the owner's own session (a hosted cron entry).
  service constant boolean := coalesce((select auth.role()), '') = 'service_role' or (session_user::text = 'postgres' and (select auth.uid()) is null);
  chk uuid;
  job uuid;
  files int;
  per_step constant int := 20;
  file_steps int;
  school_name text;
begin
  if not service and p_school_id not in (select private.my_school_ids('{it_staff}')) then
    raise exception 'Chỉ cán bộ công nghệ thông tin của trường chạy kiểm tra toàn vẹn dữ liệu.' using errcode = '42501';
  end if;
  if p_trigger not in ('manual', 'scheduled') or (p_trigger = 'scheduled' and not service) then
    raise exception 'Cách chạy kiểm tra không hợp lệ.' using errcode = '22023';
  end if;
  select o.name into school_name from public.org_units o where o.id = p_school_id and o.kind = 'school';
  if not found then
    raise exception 'Không tìm thấy trường này.' using errcode = '22023';
  end if;
  -- One at a time: the school's row is the queue's lock.
  perform 1 from public.org_units o where o.id = p_school_id for update;
  if exists (select 1 from public.integrity_checks c where c.school_id = p_school_id and c.status = 'running') then
    raise exception 'Một lần kiểm tra toàn vẹn của trường đang chạy; hãy chờ kết quả của lần đó.' using errcode = '55000';
  end if;
  insert into public.integrity_checks (school_id, trigger, requested_by) values (p_school_id, p_trigger, (select auth.uid())) returning id into chk;
  select count(*) into files from private.integrity_files(p_school_id);
  file_steps := ceil(files::numeric / per_step)::int;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (p_school_id, 'integrity_check', jsonb_build_object('check_id', chk), 'Kiểm tra toàn vẹn dữ liệu — ' || school_name,
          null, file_steps + 2)
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, p_school_id, 1, jsonb_build_object('check_id', chk, 'part', 'chains')
  union all
  select job, p_school_id, g + 1, jsonb_build_object('check_id', chk, 'part', 'files', 'offset', (g - 1) * per_step, 'limit', per_step)
  from generate_series(1, file_steps) g
  union all
  select job, p_school_id, file_steps + 2, jsonb_build_object('check_id', chk, 'part', 'finish', 'after_previous', true);
  update public.integrity_checks set job_id = job where id = chk;
  return jsonb_build_object('check_id', chk, 'job_id', job, 'files', files, 'steps', file_steps + 2);
end $$;
revoke execute on function public.start_integrity_check(uuid, text) from public, anon;
grant execute on function public.start_integrity_check(uuid, text) to authenticated, service_role;

/**
 * The worker's chains step (service role): every audit chain of the check's school, walked and held
 * against its head. Stable: every statement reads one snapshot, so entries appended while it walks (the
 * school keeps working) are neither half-seen nor taken for a cut chain.
 */
create function public.integrity_check_chains(p_check_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  chk public.integrity_checks;
  ch record;
  broken bigint;
  tail record;
  findings jsonb := '[]';
  chains int := 0;
  entries bigint := 0;
  scope text;
  year_id uuid;
begin
  if coalesce((select auth.role()), '') <> 'service_role' then
    raise exception 'Chỉ tiến trình nền chạy bước kiểm tra.' using errcode = '42501';
  end if;
  select * into chk from public.integrity_checks where id = p_check_id;
  if not found then raise exception 'Không tìm thấy lần kiểm tra này.' using errcode = '22023'; end if;
  for ch in
    select c.school_year_key, c.last_seq, c.last_hash, y.code
    from public.audit_chains c left join public.school_years y on y.id = c.school_year_key
    where c.school_id = chk.school_id order by y.code nulls first
  loop
    chains := chains + 1;
    scope := case when ch.code is null then 'nhật ký chung của trường' else 'nhật ký năm học ' || ch.code end;
    year_id := case when ch.code is null then null else ch.school_year_key end;
    broken := public.verify_audit_chain(chk.school_id, year_id);
    if broken is not null then
      findings := findings || jsonb_build_array(jsonb_build_object('kind', 'audit_chain', 'what', scope,
        'detail', format('Mục số %s (mã %s) không khớp mã băm hoặc thứ tự: đã bị sửa, xoá hoặc chèn sau khi ghi.',
                         (select a.seq from public.audit_log a where a.id = broken), broken), 'entry_id', broken));
    end if;
    -- The chain's last entry, by its index (the walk above read every entry already).
    if year_id is null then
      select a.seq as last_seq, a.hash as last_hash into tail from public.audit_log a
      where a.school_id = chk.school_id and a.school_year_id is null order by a.seq desc limit 1;
    else
      select a.seq as last_seq, a.hash as last_hash into tail from public.audit_log a
      where a.school_id = chk.school_id and a.school_year_id = year_id order by a.seq desc limit 1;
    end if;
    entries := entries + coalesce(tail.last_seq, 0);
    if broken is null and (coalesce(tail.last_seq, 0) <> ch.last_seq or tail.last_hash is distinct from ch.last_hash) then
      findings := findings || jsonb_build_array(jsonb_build_object('kind', 'audit_tail', 'what', scope,
        'detail', format('Sổ ghi đến mục số %s nhưng nhật ký chỉ còn đến mục số %s: các mục cuối đã bị xoá hoặc thay.', ch.last_seq, coalesce(tail.last_seq, 0))));
    end if;
  end loop;
  return jsonb_build_object('checked', jsonb_build_object('chains', chains, 'entries', entries), 'findings', findings);
end $$;
revoke execute on function public.integrity_check_chains(uuid) from public, anon, authenticated;
grant execute on function public.integrity_check_chains(uuid) to service_role;

/** The worker's files step reads its slice of the archived files (service role). */
create function public.integrity_check_files(p_check_id uuid, p_offset int, p_limit int)
returns table (kind text, bucket text, path text, sha256 text, what text)
language plpgsql stable security definer set search_path = '' as $$
declare
  chk public.integrity_checks;
begin
  if coalesce((select auth.role()), '') <> 'service_role' then
    raise exception 'Chỉ tiến trình nền chạy bước kiểm tra.' using errcode = '42501';
  end if;
  select * into chk from public.integrity_checks where id = p_check_id;
  return query select f.kind, f.bucket, f.path, f.sha256, f.what from private.integrity_files(chk.school_id) f
    where f.n > p_offset and f.n <= p_offset + p_limit order by f.n;
end $$;
revoke execute on function public.integrity_check_files(uuid, int, int) from public, anon, authenticated;
grant execute on function public.integrity_check_files(uuid, int, int) to service_role;

/**
 * The last step (service role): gathers the steps' results from the job (a retried step counts once,
 * as its step's result) and closes the check: intact, or broken with every finding.
 */
create function public.finish_integrity_check(p_check_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  chk public.integrity_checks;
  v_checked jsonb := '{}';
  v_findings jsonb := '[]';
  r jsonb;
  k text;
  n_failed int;
begin
  if coalesce((select auth.role()), '') <> 'service_role' then
    raise exception 'Chỉ tiến trình nền chạy bước kiểm tra.' using errcode = '42501';
  end if;
  select * into chk from public.integrity_checks where id = p_check_id for update;
  if chk.status <> 'running' then
    return jsonb_build_object('status', chk.status, 'findings', jsonb_array_length(chk.findings));
  end if;
  for r in select s.result from public.job_steps s where s.job_id = chk.job_id and s.status = 'done' and s.result ? 'checked' order by s.seq loop
    for k in select jsonb_object_keys(r -> 'checked') loop
      v_checked := jsonb_set(v_checked, array[k], to_jsonb(coalesce((v_checked ->> k)::bigint, 0) + (r -> 'checked' ->> k)::bigint));
    end loop;
    v_findings := v_findings || coalesce(r -> 'findings', '[]');
  end loop;
  select count(*) into n_failed from public.job_steps s where s.job_id = chk.job_id and s.status = 'failed';
  update public.integrity_checks
  set checked = v_checked, findings = v_findings, finished_at = private.app_now(),
      status = case when n_failed > 0 then 'failed' when jsonb_array_length(v_findings) > 0 then 'broken' else 'intact' end
  where id = p_check_id
  returning * into chk;
  return jsonb_build_object('status', chk.status, 'findings', jsonb_array_length(chk.findings));
end $$;
revoke execute on function public.finish_integrity_check(uuid) from public, anon, authenticated;
grant execute on function public.finish_integrity_check(uuid) to service_role;

-- A job that fails for good (a step out of attempts) closes its check as failed, so the school is not
-- stuck with a check "running" forever and the next one can start.
create function private.close_failed_integrity_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.kind = 'integrity_check' and new.status = 'failed' and old.status is distinct from 'failed' then
    update public.integrity_checks set status = 'failed', finished_at = private.app_now()
    where job_id = new.id and status = 'running';
  end if;
  return new;
end $$;
create trigger jobs_close_integrity_check after update of status on public.jobs
  for each row execute function private.close_failed_integrity_check();

/**
 * rpc/schedule_integrity_checks (service role: the job runner, a hosted cron): starts a check of every
 * school whose last check started more than 7 days ago (by the app's clock), or never. Returns how many.
 */
create function public.schedule_integrity_checks() returns int
language plpgsql volatile security definer set search_path = '' as $$
declare
  o record;
  n int := 0;
begin
  if coalesce((select auth.role()), '') <> 'service_role' and session_user::text <> 'postgres' then
    raise exception 'Chỉ tiến trình nền lập lịch kiểm tra.' using errcode = '42501';
  end if;
  for o in
    select u.id from public.org_units u
    where u.kind = 'school'
      and not exists (select 1 from public.integrity_checks c where c.school_id = u.id
                      and (c.status = 'running' or c.started_at > private.app_now() - interval '7 days'))
    order by u.id
  loop
    perform public.start_integrity_check(o.id, 'scheduled');
    n := n + 1;
  end loop;
  return n;
end $$;
revoke execute on function public.schedule_integrity_checks() from public, anon, authenticated;
grant execute on function public.schedule_integrity_checks() to service_role;

-- ───────────────────────────── the start page ─────────────────────────────
-- my_start_page as in 20261204012000_start_page.sql, but for the block of IT staff (and BGH's item): the
-- last integrity check of the school instead of walking both audit chains on every visit.
create or replace function public.my_start_page() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  me constant uuid := (select auth.uid());
  today constant date := public.app_today();
  s record;
  sem int;
  items jsonb := '[]';
  held jsonb := '[]';
  progress jsonb;
  dl public.school_deadlines;
  next_deadline date;
  cls record;
  nurse jsonb;
  officer record;
  overview jsonb;
  dossier_counts jsonb;
  family jsonb;
  role_order constant text[] := array['province_officer', 'district_officer', 'principal', 'vice_principal', 'admin_board',
                                      'dept_head', 'homeroom_teacher', 'subject_teacher', 'nurse', 'clerk', 'it_staff',
                                      'union_officer', 'inspector', 'guardian', 'student', 'dossiers', 'account'];
begin
  if me is null then
    raise exception 'Bạn cần đăng nhập để xem trang chủ.' using errcode = '42501';
  end if;

  -- ─────────── staff: per school, the roles of its current year ───────────
  for s in
    select o.id as school_id, o.name as school_name, o.school_level, y.id as year_id, y.code as year_code,
           y.semester1_ends_on, array_agg(distinct m.role::text) as roles
    from public.memberships m
    join public.org_units o on o.id = m.org_unit_id and o.kind = 'school'
    join public.school_years y on y.id = m.school_year_id and y.id = private.current_school_year_id(o.id)
    where m.profile_id = me and m.role not in ('guardian', 'student')
    group by o.id, o.name, o.school_level, y.id, y.code, y.semester1_ends_on
    order by o.name
  loop
    sem := case when today <= s.semester1_ends_on then 1 else 2 end;
    held := held || (select jsonb_agg(jsonb_build_object('role', r, 'school_id', s.school_id)) from unnest(s.roles) r);

    -- The semester's progress rows the caller reads (their own sheets and their department's; every
    -- sheet for BGH, the admin board and clerks), once per school.
    select coalesce(jsonb_agg(to_jsonb(g)), '[]') into progress from public.gradebook_progress(s.year_id, sem) g;

    -- Subject teacher: sheets behind, most behind first; then the week's deadline for the rest.
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', 'subject_teacher', 'school_id', s.school_id, 'kind', 'sheet_behind', 'tone', 'danger',
                         'class_name', g ->> 'class_name', 'subject_name', g ->> 'subject_name', 'semester', sem,
                         'overdue', (g ->> 'overdue')::int, 'due', (g ->> 'due')::int, 'done', (g ->> 'done')::int,
                         'required', (g ->> 'required')::int, 'students', (g ->> 'students')::int,
                         'link', format('/score_entries?class=%s&subject=%s&semester=%s', g ->> 'class_id', g ->> 'subject_id', sem))
                       order by (g ->> 'overdue')::int desc, g ->> 'class_name', g ->> 'subject_name')
      from jsonb_array_elements(progress) g
      where (g ->> 'teacher_id')::uuid = me and (g ->> 'overdue')::int > 0), '[]');
    dl := public.deadlines_of(s.school_id);
    next_deadline := today + ((dl.regular_weekday - extract(isodow from today)::int + 7) % 7);
    items := items || coalesce((
      select jsonb_build_array(jsonb_build_object('role', 'subject_teacher', 'school_id', s.school_id, 'kind', 'sheets_due', 'tone', 'warning',
                         'deadline', next_deadline, 'time', to_char(dl.regular_time, 'HH24:MI'), 'semester', sem,
                         'sheets', count(*), 'classes', string_agg(g ->> 'class_name' || ' ' || (g ->> 'subject_name'), ', ' order by g ->> 'class_name'),
                         'link', '/score_entries'))
      from jsonb_array_elements(progress) g
      where (g ->> 'teacher_id')::uuid = me and (g ->> 'overdue')::int = 0 and (g ->> 'done')::int < (g ->> 'required')::int
      having count(*) > 0), '[]');

    -- Teachers behind: BGH over the school, a department head over their department's teachers.
    if s.roles && array['principal', 'vice_principal', 'dept_head'] then
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', case when s.roles && array['principal', 'vice_principal']
                                                        then (case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end)
                                                        else 'dept_head' end,
                           'school_id', s.school_id, 'kind', 'teacher_behind', 'tone', 'danger', 'semester', sem,
                           'teacher_name', t.teacher_name, 'sheets', t.sheets, 'overdue', t.overdue, 'classes', t.classes,
                           'link', '/gradebook_progress')
                         order by t.overdue desc, t.teacher_name)
        from (select g ->> 'teacher_name' as teacher_name, count(*) as sheets, sum((g ->> 'overdue')::int) as overdue,
                     string_agg(g ->> 'class_name' || ' ' || (g ->> 'subject_name'), ', ' order by g ->> 'class_name') as classes
              from jsonb_array_elements(progress) g
              where (g ->> 'overdue')::int > 0 and g ->> 'teacher_id' is not null and (g ->> 'teacher_id')::uuid <> me
              group by g ->> 'teacher_id', g ->> 'teacher_name') t), '[]');
    end if;

    -- Homeroom teacher: their class of the year.
    for cls in
      select c.id, c.name, (select count(*) from public.enrolments e where e.class_id = c.id and e.ended_on is null) as students
      from public.classes c where c.school_year_id = s.year_id and c.homeroom_teacher_id = me order by c.name
    loop
      if s.school_level = 'primary' then
        -- TT27: the qualities and competences of the last assessment period whose test day has come.
        items := items || coalesce((
          select jsonb_build_array(jsonb_build_object('role', 'homeroom_teacher', 'school_id', s.school_id, 'kind', 'qualities_missing', 'tone', 'warning',
                             'class_name', cls.name, 'period', p.period, 'missing', p.missing, 'students', cls.students, 'link', '/quality_ratings'))
          from (select a.period,
                       (select count(*) from public.enrolments e where e.class_id = cls.id and e.ended_on is null
                          and (select count(*) from public.quality_ratings q where q.student_id = e.student_id and q.class_id = cls.id
                               and q.semester = right(a.period, 1)::int and q.kind = left(a.period, 2))
                              < cardinality(public.tt27_quality_codes())) as missing
                from public.assessment_periods a
                where a.school_year_id = s.year_id and a.test_date <= today
                order by a.test_date desc limit 1) p
          where p.missing > 0), '[]');
      else
        items := items || coalesce((
          select jsonb_build_array(jsonb_build_object('role', 'homeroom_teacher', 'school_id', s.school_id, 'kind', 'conduct_missing',
                             'tone', case when today > s.semester1_ends_on and sem = 1 then 'danger' else 'warning' end,
                             'class_name', cls.name, 'semester', sem, 'missing', x.missing, 'students', cls.students, 'link', '/conduct_ratings'))
          from (select count(*) as missing from public.enrolments e where e.class_id = cls.id and e.ended_on is null
                  and not exists (select 1 from public.conduct_ratings r where r.student_id = e.student_id and r.class_id = cls.id and r.semester = sem)) x
          where x.missing > 0), '[]');
      end if;
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', 'homeroom_teacher', 'school_id', s.school_id, 'kind', 'results_to_propose', 'tone', 'warning',
                           'class_name', cls.name, 'semester', p.semester, 'link', '/result_publications'))
        -- A period's results can be final once its end-of-semester test day has come (ck1; ck2 for the year).
        from (select x.semester from (values (1), (2), (null::int)) x (semester)
              where exists (select 1 from public.assessment_periods a where a.school_year_id = s.year_id
                              and a.period = 'ck' || coalesce(x.semester, 2) and a.test_date <= today)) p
        where exists (select 1 from public.publication_steps(s.year_id, p.semester) st where st.class_id = cls.id and 'propose' = any (st.steps))), '[]');
    end loop;

    -- BGH: the results waiting for their approval or publication, per period.
    if s.roles && array['principal', 'vice_principal'] then
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end,
                           'school_id', s.school_id, 'kind', 'results_to_' || x.step, 'tone', 'warning', 'semester', x.semester,
                           'classes', x.classes, 'count', x.n, 'link', '/result_publications')
                         order by x.semester nulls last, x.step)
        from (select p.semester, st.step, count(*) as n, string_agg(c.name, ', ' order by c.name) as classes
              from (values (1), (2), (null::int)) p (semester)
              cross join lateral public.publication_steps(s.year_id, p.semester) ps
              cross join lateral unnest(ps.steps) st (step)
              join public.classes c on c.id = ps.class_id
              where st.step in ('approve', 'publish')
              group by p.semester, st.step) x), '[]');
    end if;

    -- Correction requests waiting on the caller, in the section of the role that acts on them.
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', r.role, 'school_id', s.school_id, 'kind', 'correction', 'tone', 'warning',
                         'class_name', c.name, 'subject_name', sj.name, 'semester', q.semester, 'status', q.status, 'year_code', y.code,
                         'actions', to_jsonb(a.actions), 'link', '/correction_requests/' || q.id)
                       order by q.updated_at)
      from public.correction_requests q
      join public.classes c on c.id = q.class_id
      join public.subjects sj on sj.id = q.subject_id
      join public.school_years y on y.id = q.school_year_id
      cross join lateral (select array_remove(public.allowed_actions(q), 'withdrawn') as actions) a
      cross join lateral (select case private.correction_task_role(a.actions)
                                   when 'principal' then (case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end)
                                   when 'admin_board' then (case when 'admin_board' = any (s.roles) then 'admin_board' else 'clerk' end)
                                   else 'subject_teacher' end as role) r
      where q.school_id = s.school_id and q.status not in ('minuted', 'withdrawn', 'rejected') and cardinality(a.actions) > 0), '[]');

    -- Signatures to give (the class files' windows open or coming): the caller's signer roles.
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', case x ->> 'role' when 'subject' then 'subject_teacher' when 'homeroom' then 'homeroom_teacher'
                                                    when 'organisation' then 'clerk'
                                                    else (case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end) end,
                         'school_id', s.school_id, 'kind', 'signatures_pending', 'tone', case when (x ->> 'open')::boolean then 'warning' else 'info' end,
                         'class_name', x ->> 'class_name', 'year_code', x ->> 'year_code', 'subject_name', x ->> 'subject_name',
                         'unsigned', (x ->> 'unsigned')::int, 'opens_on', x ->> 'opens_on', 'closes_on', x ->> 'closes_on', 'link', '/signing'))
      from jsonb_array_elements(public.my_signing_inbox()) x
      join public.classes c on c.id = (x ->> 'class_id')::uuid and c.school_id = s.school_id), '[]');

    -- A certificate issued to the caller and waiting for their PIN (rpc/certificate_activation).
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', 'account', 'school_id', null, 'kind', 'certificate_activation', 'tone', 'warning',
                         'school_name', s.school_name, 'link', '/signing'))
      from public.certificate_requests q where q.school_id = s.school_id and q.profile_id = me and q.status = 'pending'), '[]');

    -- Admin board: certificate requests still waiting for their holder. Admin board and clerks: print jobs that failed.
    if 'admin_board' = any (s.roles) then
      items := items || coalesce((
        select jsonb_build_array(jsonb_build_object('role', 'admin_board', 'school_id', s.school_id, 'kind', 'certificate_requests', 'tone', 'warning',
                           'count', count(*), 'link', '/signing'))
        from public.certificate_requests q where q.school_id = s.school_id and q.status = 'pending' having count(*) > 0), '[]');
    end if;
    if s.roles && array['admin_board', 'clerk'] then
      items := items || coalesce((
        select jsonb_build_array(jsonb_build_object('role', case when 'clerk' = any (s.roles) then 'clerk' else 'admin_board' end,
                           'school_id', s.school_id, 'kind', 'jobs_failed', 'tone', 'danger',
                           'count', count(*), 'labels', string_agg(j.label, ', ' order by j.created_at), 'link', '/documents'))
        -- Jobs are stamped by the real clock (jobs.created_at), so their 30 days are counted on it too.
        from public.jobs j where j.school_id = s.school_id and j.status = 'failed' and j.created_at > now() - interval '30 days'
        having count(*) > 0), '[]');
    end if;

    -- Clerk: copies applied for and not issued yet.
    if 'clerk' = any (s.roles) then
      items := items || coalesce((
        select jsonb_build_array(jsonb_build_object('role', 'clerk', 'school_id', s.school_id, 'kind', 'copies_to_issue', 'tone', 'warning',
                           'count', count(*), 'since', min(q.applied_on), 'link', '/documents'))
        from public.copy_applications q where q.school_id = s.school_id and q.number is null having count(*) > 0), '[]');
    end if;

    -- Nurse: the module's overview.
    if 'nurse' = any (s.roles) then
      nurse := public.nurse_overview(s.school_id);
      items := items
        || coalesce((select jsonb_agg(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'visit_open', 'tone', 'danger',
                                        'full_name', v ->> 'full_name', 'class_name', v ->> 'class_name', 'arrived_at', v ->> 'arrived_at', 'link', '/health'))
                     from jsonb_array_elements(nurse -> 'visits_today') v where v ->> 'left_at' is null), '[]')
        || coalesce((select jsonb_agg(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'measures_missing', 'tone', 'warning',
                                        'class_name', b ->> 'class_name', 'short', (b ->> 'short')::int, 'students', (b ->> 'students')::int, 'link', '/health'))
                     from jsonb_array_elements(nurse -> 'short_of_bmi') b), '[]')
        || case when (nurse ->> 'students')::int > (nurse ->> 'families_informed')::int
                then jsonb_build_array(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'notices_to_send', 'tone', 'info',
                                         'count', (nurse ->> 'students')::int - (nurse ->> 'families_informed')::int, 'link', '/health'))
                else '[]' end
        || case when (nurse ->> 'notices_unacknowledged')::int > 0
                then jsonb_build_array(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'notices_unacknowledged', 'tone', 'info',
                                         'count', (nurse ->> 'notices_unacknowledged')::int, 'link', '/health'))
                else '[]' end;
    end if;

    -- IT staff: the school's last integrity check (issue 19): its result, or that none ran this week.
    -- BGH: a check that found something broken. Read from integrity_checks (the check walks the chains
    -- and hashes the files as a job; the page no longer walks them on every visit).
    if s.roles && array['it_staff', 'principal', 'vice_principal'] then
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', r, 'school_id', s.school_id,
                 'kind', case when c.id is null then 'integrity_never' when c.status = 'running' then 'integrity_running'
                              when c.status = 'broken' then 'integrity_broken' when c.status = 'failed' then 'integrity_failed' else 'integrity_intact' end,
                 'tone', case when c.status = 'broken' then 'danger' when c.id is null or c.status = 'failed' then 'warning'
                              when c.status = 'intact' and c.started_at < private.app_now() - interval '7 days' then 'warning' else 'success' end,
                 'finished_at', c.finished_at, 'started_at', c.started_at, 'findings', jsonb_array_length(coalesce(c.findings, '[]')),
                 'first_finding', c.findings -> 0 ->> 'what', 'first_detail', c.findings -> 0 ->> 'detail',
                 'link', case when r = 'it_staff' then '/status' end))
        from unnest(array['it_staff', 'principal', 'vice_principal']) r
        left join lateral (select * from public.integrity_checks ic where ic.school_id = s.school_id order by ic.started_at desc limit 1) c on true
        where r = any (s.roles) and (r = 'it_staff' or c.status = 'broken')), '[]');
    end if;
  end loop;

  -- ─────────── Phòng / Sở officers: their unit's schools ───────────
  for officer in
    select distinct m.role::text as role, o.id, o.name from public.memberships m join public.org_units o on o.id = m.org_unit_id
    where m.profile_id = me and m.role in ('district_officer', 'province_officer') order by 1 desc, o.name
  loop
    held := held || jsonb_build_object('role', officer.role, 'school_id', officer.id);
    overview := public.office_overview(officer.id);
    items := items
      || coalesce((select jsonb_agg(jsonb_build_object('role', officer.role, 'school_id', officer.id, 'kind', 'office_school',
                                      'tone', case when (x -> 'progress' ->> 'share_due_done')::numeric < 90 then 'warning' else 'info' end,
                                      'school_name', x ->> 'name', 'year_code', x -> 'school_year' ->> 'code',
                                      'semester', x -> 'progress' -> 'semester', 'share_done', x -> 'progress' -> 'share_done',
                                      'share_due_done', x -> 'progress' -> 'share_due_done', 'sheets_overdue', x -> 'progress' -> 'sheets_overdue',
                                      'link', format('/office_overview?unit=%s&school=%s', officer.id, x ->> 'id'))
                                    order by x ->> 'name')
                   from jsonb_array_elements(overview -> 'schools') x), '[]')
      || coalesce((select jsonb_agg(jsonb_build_object('role', officer.role, 'school_id', officer.id, 'kind', 'office_unit', 'tone', 'info',
                                      'unit_name', x ->> 'name', 'schools', (x ->> 'schools')::int, 'students', x -> 'students',
                                      'link', format('/office_overview?unit=%s', x ->> 'id'))
                                    order by x ->> 'name')
                   from jsonb_array_elements(overview -> 'offices') x), '[]');
  end loop;

  -- ─────────── families: published results per child and year, health notices not yet read ───────────
  for s in
    select distinct m.role::text as role from public.memberships m where m.profile_id = me and m.role in ('guardian', 'student')
  loop
    held := held || jsonb_build_object('role', s.role, 'school_id', null);
  end loop;
  if exists (select 1 from private.family_student_ids()) then
    family := public.my_results();
    items := items
      || coalesce((select jsonb_agg(jsonb_build_object('role', case when st.profile_id = me then 'student' else 'guardian' end,
                                      'school_id', null, 'kind', 'results_published', 'tone', 'success',
                                      'full_name', r.full_name, 'year_code', r.year_code, 'class_name', r.class_name,
                                      'periods', r.periods, 'link', '/my_results')
                                    order by r.full_name, r.year_code desc)
                   from (select x ->> 'student_id' as student_id, x ->> 'full_name' as full_name, x ->> 'school_year_code' as year_code,
                                string_agg(distinct x ->> 'class_name', ', ') as class_name,
                                jsonb_agg(x -> 'semester' order by (x ->> 'semester')::int nulls last) as periods
                         from jsonb_array_elements(family) x group by 1, 2, 3) r
                   join public.students st on st.id = r.student_id::uuid), '[]')
      || coalesce((select jsonb_agg(jsonb_build_object('role', case when st.profile_id = me then 'student' else 'guardian' end,
                                      'school_id', null, 'kind', 'health_notice', 'tone', 'warning',
                                      'full_name', st.full_name, 'title', n.title, 'sent_at', n.sent_at, 'link', '/health')
                                    order by n.sent_at desc)
                   from public.health_notices n join public.students st on st.id = n.student_id
                   where n.student_id in (select private.family_student_ids()) and n.acknowledged_at is null), '[]');
  end if;

  -- ─────────── everyone: their dossiers ───────────
  dossier_counts := public.my_dossier_tasks();
  items := items
    || coalesce((select jsonb_agg(x.item order by x.rank, x.due_on, x.name) from (
         -- Per item (a weekly plan has one obligation a week): how many periods, from the earliest due.
         select jsonb_build_object('role', 'dossiers', 'school_id', null, 'school_name', sc.name,
                  'kind', case k.rank when 0 then 'dossier_returned' when 1 then 'dossier_overdue' else 'dossier_due' end,
                  'tone', case when k.rank < 2 then 'danger' else 'warning' end,
                  'name', i.name, 'count', count(*), 'due_on', min(o.due_on), 'link', '/dossiers') as item,
                k.rank, min(o.due_on) as due_on, i.name
         from public.dossier_obligations o join public.dossier_items i on i.id = o.item_id join public.org_units sc on sc.id = o.school_id
         cross join lateral (select case when o.status = 'returned' then 0 when o.due_on < today then 1 else 2 end as rank) k
         where o.school_year_id in (select private.current_school_year_ids())
           and (o.status = 'returned' or (o.status in ('missing', 'draft', 'reopened') and o.due_on <= today + 7))
           and private.dossier_submitter(o)
         group by i.id, i.name, sc.name, k.rank
         order by 2, 3, 4 limit 6) x), '[]')
    || case when (dossier_counts ->> 'to_review')::int > 0
            then jsonb_build_array(jsonb_build_object('role', 'dossiers', 'school_id', null, 'kind', 'dossier_to_review', 'tone', 'warning',
                                     'count', (dossier_counts ->> 'to_review')::int, 'link', '/dossier_reviews'))
            else '[]' end
    || case when (dossier_counts ->> 'reopen_requests')::int > 0
            then jsonb_build_array(jsonb_build_object('role', 'dossiers', 'school_id', null, 'kind', 'dossier_reopen', 'tone', 'warning',
                                     'count', (dossier_counts ->> 'reopen_requests')::int, 'link', '/dossier_compliance'))
            else '[]' end;

  -- Sections: every role held, and any role an item is for (a teacher with assignments but no
  -- subject_teacher membership still sees their sheets), in the order of role_order, each with its items.
  return jsonb_build_object(
    'today', today,
    'sections', coalesce((
      select jsonb_agg(jsonb_build_object('role', h.role, 'school_id', h.school_id, 'school_name', o.name, 'year_code', y.code,
                                          'items', coalesce((select jsonb_agg(it - 'role' - 'school_id')
                                                             from jsonb_array_elements(items) it
                                                             where it ->> 'role' = h.role and it ->> 'school_id' is not distinct from h.school_id), '[]'))
                       order by array_position(role_order, h.role), o.name)
      from (select distinct x ->> 'role' as role, x ->> 'school_id' as school_id
            from (select x from jsonb_array_elements(held) x union all select x from jsonb_array_elements(items) x) u (x)) h
      left join public.org_units o on o.id = h.school_id::uuid
      left join public.school_years y on o.kind = 'school' and y.id = private.current_school_year_id(o.id)), '[]'));
end $$;
revoke execute on function public.my_start_page() from public, anon;
grant execute on function public.my_start_page() to authenticated;
