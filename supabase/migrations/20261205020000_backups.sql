-- Backups of a school, their download on BGH's approval, and restore on the principal's decision (issue 19,
-- items 1, 2 and 6; seed 004 Điều 8: IT staff keep a copy per semester and per school year and restore the
-- data when the principal requests it; seed 001 Điều 9.3: archives as separate files, never overwritten).
--
-- How a backup is consistent while the school keeps working: there is no pg_dump 17 here, and a hosted
-- project gives its functions no superuser and no long transaction, so a backup is a logical export taken
-- in ONE statement (private.backup_snapshot: one INSERT … SELECT over every table of the school, with the
-- list of the school's archived files in a data-modifying CTE of the same statement — one snapshot), copied
-- into a staging table. The job's later steps read the staging table in parts of about 4 MB, write each
-- slice as gzip'd NDJSON encrypted with AES-256-GCM (the key is the project secret BACKUP_KEY, given to the
-- functions like SIGNING_MASTER_KEY: never in the database or the bucket) into the private bucket
-- `backups`, and copy the school's archived files (documents, signed copies, dossier files) the same way.
-- The last step writes the manifest: per table its rows and a SHA-256 (of the sorted SHA-256s of the rows'
-- canonical JSON, time zone UTC), per file its hash, per archived file its recorded hash. Nothing in the
-- bucket is ever replaced or removed (storage trigger), and no backup row is deleted (retention).
--
-- A backup holds the school's rows of every public table with a school_id column, but the backup
-- machinery itself (backups, backup_files, backup_downloads, restore_requests, jobs, job_steps) and the
-- signing providers' secrets (credentials, not records). Global rows (org_units, profiles, subjects, the
-- dossier catalogue, WHO references) belong to no school and are not in it.
--
-- Restore: IT staff request one (a reason), the principal approves or refuses (recorded, audited), the
-- approved restore is a job: each part is loaded into a FRESH schema of its own (restore_<id>: empty
-- copies of the tables, not exposed to the API — on a hosted project a function cannot create a
-- database, a schema is the fresh database it can have), then checked (every table's count and hash
-- against the manifest, every audit chain of the backup verified from its first entry and against its
-- head) and only then does one transaction replace the school's live rows with the checked ones
-- (triggers off for that transaction: the rows are the backup's, not new edits; FK, unique and check
-- constraints still hold). The audit log, the audit chains, the health access log, integrity checks and
-- account events are never rewound: they keep every entry since the backup, and the restore itself is
-- appended (the update of restore_requests to `applied`, with what was replaced, is an audited row).
--
-- Download: IT staff ask, BGH (principal or vice principal, not the asker) approve; the approval holds 24
-- hours by the real clock (a security expiry); each link the `backups` function issues is a Storage
-- signed URL of a few minutes, and each issue is counted on the audited request.

-- ───────────────────────────── tables ─────────────────────────────

create table public.backups (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  kind text not null check (kind in ('semester', 'year', 'on_demand')),
  school_year_id uuid references public.school_years (id) on delete restrict,
  semester smallint check (semester in (1, 2)),
  label text not null,
  requested_by uuid references public.profiles (id) on delete restrict,
  job_id uuid references public.jobs (id) on delete restrict,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  started_at timestamptz not null default private.app_now(),
  snapshot_at timestamptz,
  finished_at timestamptz,
  row_count bigint,
  byte_size bigint,
  manifest jsonb,
  manifest_sha256 text,
  check ((kind = 'on_demand') or school_year_id is not null),
  check ((kind = 'semester') = (semester is not null))
);
create index backups_school_idx on public.backups (school_id, started_at desc);
create index backups_school_year_idx on public.backups (school_year_id);
comment on table public.backups is 'Backups of a school (a consistent logical export, encrypted, with a manifest of hashes); never overwritten or deleted.';

create table public.backup_files (
  id uuid primary key default extensions.gen_random_uuid(),
  backup_id uuid not null references public.backups (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  kind text not null check (kind in ('part', 'object', 'manifest')),
  seq int not null,
  path text not null unique,
  sha256 text not null,
  byte_size bigint not null,
  row_count int,
  -- An archived file's copy: {bucket, path, sha256} of the original.
  source jsonb,
  created_at timestamptz not null default now(),
  unique (backup_id, kind, seq)
);
create index backup_files_school_idx on public.backup_files (school_id, created_at);
comment on table public.backup_files is 'The files of a backup in the bucket backups: their hash (of the encrypted bytes), size, rows.';

create table public.backup_downloads (
  id uuid primary key default extensions.gen_random_uuid(),
  backup_id uuid not null references public.backups (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  requested_by uuid not null references public.profiles (id) on delete restrict,
  reason text not null,
  requested_at timestamptz not null default now(),
  status text not null default 'requested' check (status in ('requested', 'approved', 'refused')),
  decided_by uuid references public.profiles (id) on delete restrict,
  decided_at timestamptz,
  decision_note text,
  -- Real clock: a security expiry.
  approved_until timestamptz,
  links_issued int not null default 0,
  last_link_at timestamptz
);
create index backup_downloads_school_idx on public.backup_downloads (school_id, requested_at desc);
comment on table public.backup_downloads is 'Requests to download a backup: IT staff ask, BGH approve (24 h), each link issued counted (audited).';

create table public.restore_requests (
  id uuid primary key default extensions.gen_random_uuid(),
  backup_id uuid not null references public.backups (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  requested_by uuid not null references public.profiles (id) on delete restrict,
  reason text not null,
  requested_at timestamptz not null default private.app_now(),
  status text not null default 'requested'
    check (status in ('requested', 'refused', 'approved', 'checked', 'check_failed', 'applied', 'failed')),
  decided_by uuid references public.profiles (id) on delete restrict,
  decided_at timestamptz,
  decision_note text,
  job_id uuid references public.jobs (id) on delete restrict,
  -- The check (per table: rows, hash, ok; chains) and, once applied, per table the rows replaced.
  report jsonb not null default '{}',
  applied_at timestamptz
);
create index restore_requests_school_idx on public.restore_requests (school_id, requested_at desc);
comment on table public.restore_requests is 'Restores of a school to a backup: requested by IT staff, decided by the principal, checked in a fresh schema, then applied.';

-- Read: IT staff and BGH of the school (the admin board reads backups and restores, not downloads).
do $$
declare
  t text;
begin
  foreach t in array array['backups', 'backup_files', 'backup_downloads', 'restore_requests'] loop
    execute format('alter table public.%s enable row level security', t);
    execute format('revoke all on public.%s from anon, authenticated, service_role', t);
    execute format('grant select on public.%s to authenticated, service_role', t);
    execute format('create trigger %1$s_retained before delete on public.%1$s for each row execute function private.retention_guard(%2$L)', t, 'always');
    execute format('create trigger %1$s_retained_truncate before truncate on public.%1$s for each statement execute function private.retention_guard(%2$L)', t, 'always');
  end loop;
  foreach t in array array['backups', 'backup_downloads', 'restore_requests'] loop
    perform private.enable_audit(('public.' || t)::regclass);
  end loop;
end $$;
create policy backups_select on public.backups for select to authenticated
  using (school_id in (select private.my_school_ids('{it_staff,principal,vice_principal,admin_board}')));
comment on policy backups_select on public.backups is 'IT staff, BGH and the admin board of the school.';
create policy backup_files_select on public.backup_files for select to authenticated
  using (school_id in (select private.my_school_ids('{it_staff,principal,vice_principal}')));
comment on policy backup_files_select on public.backup_files is 'IT staff and BGH of the school (names and hashes; the bytes only through an approved download).';
create policy backup_downloads_select on public.backup_downloads for select to authenticated
  using (school_id in (select private.my_school_ids('{it_staff,principal,vice_principal}')));
comment on policy backup_downloads_select on public.backup_downloads is 'IT staff and BGH of the school.';
create policy restore_requests_select on public.restore_requests for select to authenticated
  using (school_id in (select private.my_school_ids('{it_staff,principal,vice_principal,admin_board}')));
comment on policy restore_requests_select on public.restore_requests is 'IT staff, BGH and the admin board of the school.';

-- A done backup is what it is: its manifest, rows and files never change.
create function private.freeze_backup() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.status <> 'running' then
    raise exception 'Bản sao lưu đã hoàn tất không được thay đổi.' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger backups_frozen before update on public.backups for each row execute function private.freeze_backup();

-- The bucket: private, no policy (only the service role reads and writes it), never replaced or removed.
insert into storage.buckets (id, name, public) values ('backups', 'backups', false) on conflict (id) do nothing;
-- private.freeze_documents as in 20261205010000_retention.sql, the backups bucket added to the archives.
create or replace function private.freeze_documents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' and old.bucket_id in ('documents', 'signed-documents', 'backups') then
    raise exception 'Văn bản đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  if tg_op <> 'INSERT' and old.bucket_id in ('dossiers', 'dossier-packages')
     and (old.bucket_id = 'dossier-packages' or exists (select 1 from public.dossier_versions v where v.storage_path = old.name)) then
    raise exception 'Hồ sơ điện tử đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  if tg_op = 'DELETE' and old.bucket_id = 'pki' then
    raise exception 'Chứng thư và danh sách thu hồi được lưu giữ để kiểm tra chữ ký về sau: không được xoá' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check
  check (kind in ('print_class', 'print_gradebook', 'sign_prepare', 'dossier_package', 'integrity_check', 'backup', 'restore'));
drop policy jobs_select on public.jobs;
create policy jobs_select on public.jobs for select to authenticated
  using (created_by = (select auth.uid())
         or (kind not in ('integrity_check', 'backup', 'restore')
             and school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal}'))));
comment on policy jobs_select on public.jobs is 'A job''s creator, and the school''s admin board, clerk and BGH, follow its progress (checks, backups and restores are read in their own tables).';

-- ───────────────────────────── what a backup holds ─────────────────────────────

/** The tables of a school's backup, and whether a restore puts them back (the append-only records are never rewound). */
create function private.backup_tables() returns table (table_name text, restored boolean)
language sql stable set search_path = '' as $$
  select c.relname::text,
         c.relname not in ('audit_log', 'audit_chains', 'health_access_log', 'integrity_checks', 'account_events')
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'school_id' and not a.attisdropped)
    and c.relname not in ('backups', 'backup_files', 'backup_downloads', 'restore_requests', 'jobs', 'job_steps',
                          'signing_provider_secrets')
  order by 1
$$;
revoke execute on function private.backup_tables() from public;

-- The snapshot, until the last step has written the files and the manifest.
create table private.backup_rows (
  backup_id uuid not null,
  g bigint not null,
  -- The part file the row goes to: parts of about 4 MB of JSON each (a row is never split).
  part int not null,
  table_name text not null,
  data jsonb not null,
  primary key (backup_id, g)
);
create index backup_rows_part_idx on private.backup_rows (backup_id, part);
create table private.backup_objects (
  backup_id uuid not null,
  n bigint not null,
  bucket text not null,
  path text not null,
  sha256 text not null,
  what text,
  primary key (backup_id, n)
);

create function private.is_service() returns boolean
language sql stable set search_path = '' as $$ select coalesce((select auth.role()), '') = 'service_role' $$;

/**
 * rpc/start_backup {p_school_id, p_kind, p_school_year_id?, p_semester?}: IT staff of the school start a
 * backup (semester: of a school year's semester; year: of a school year; on_demand). One at a time per
 * school. Returns {backup_id, job_id}.
 */
create function public.start_backup(p_school_id uuid, p_kind text, p_school_year_id uuid default null, p_semester int default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  b uuid := extensions.gen_random_uuid();
  job uuid;
  year_code text;
  school_name text;
  v_label text;
begin
  if not private.is_service() and p_school_id not in (select private.my_school_ids('{it_staff}')) then
    raise exception 'Chỉ cán bộ công nghệ thông tin của trường sao lưu dữ liệu.' using errcode = '42501';
  end if;
  select o.name into school_name from public.org_units o where o.id = p_school_id and o.kind = 'school';
  if not found then
    raise exception 'Không tìm thấy trường này.' using errcode = '22023';
  end if;
  if p_kind not in ('semester', 'year', 'on_demand') then
    raise exception 'Loại bản sao không hợp lệ: chọn theo học kì, theo năm học hoặc theo yêu cầu.' using errcode = '22023';
  end if;
  if p_kind <> 'on_demand' then
    select y.code into year_code from public.school_years y where y.id = p_school_year_id and y.school_id = p_school_id;
    if not found then
      raise exception 'Hãy chọn một năm học của trường cho bản sao này.' using errcode = '22023';
    end if;
  end if;
  if p_kind = 'semester' and coalesce(p_semester, 0) not in (1, 2) then
    raise exception 'Hãy chọn học kì I hoặc học kì II cho bản sao theo học kì.' using errcode = '22023';
  end if;
  perform 1 from public.org_units o where o.id = p_school_id for update;
  if exists (select 1 from public.backups x where x.school_id = p_school_id and x.status = 'running') then
    raise exception 'Một bản sao lưu của trường đang được tạo; hãy chờ bản đó xong.' using errcode = '55000';
  end if;
  v_label := case p_kind
    when 'semester' then format('Bản sao học kì %s năm học %s', case p_semester when 1 then 'I' else 'II' end, year_code)
    when 'year' then format('Bản sao năm học %s', year_code)
    else format('Bản sao theo yêu cầu %s', to_char(private.app_now() at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')) end;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (p_school_id, 'backup', jsonb_build_object('backup_id', b), v_label || ' — ' || school_name, (select auth.uid()), 1)
  returning id into job;
  insert into public.backups (id, school_id, kind, school_year_id, semester, label, requested_by, job_id)
  values (b, p_school_id, p_kind, case when p_kind <> 'on_demand' then p_school_year_id end,
          case when p_kind = 'semester' then p_semester end, v_label, (select auth.uid()), job);
  insert into public.job_steps (job_id, school_id, seq, params)
  values (job, p_school_id, 1, jsonb_build_object('backup_id', b, 'part', 'snapshot'));
  return jsonb_build_object('backup_id', b, 'job_id', job);
end $$;
revoke execute on function public.start_backup(uuid, text, uuid, int) from public, anon;
grant execute on function public.start_backup(uuid, text, uuid, int) to authenticated, service_role;

/**
 * The snapshot step (service role): every table of the school and the list of its archived files, in one
 * statement (one snapshot), into the staging tables; then the job's remaining steps: a part per 4 MB of
 * rows, a copy step per 20 archived files, and the last step. Done again (a retried step) it does nothing.
 */
create function public.backup_snapshot(p_backup_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' set timezone = 'UTC' as $$
declare
  b public.backups;
  sel text;
  n_rows bigint;
  n_objects bigint;
  part_bytes constant bigint := 4000000;
  per_copy constant int := 20;
  parts int;
  copies int;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước sao lưu.' using errcode = '42501';
  end if;
  select * into b from public.backups where id = p_backup_id for update;
  if not found or b.status <> 'running' then
    raise exception 'Không có bản sao lưu đang tạo với mã này.' using errcode = '22023';
  end if;
  if b.snapshot_at is null then
    select string_agg(format('select %L::text as t, to_jsonb(x) as d from public.%I x where x.school_id = $2', t.table_name, t.table_name), ' union all ')
    into sel from private.backup_tables() t;
    execute format(
      'with o as (insert into private.backup_objects (backup_id, n, bucket, path, sha256, what)
                  select $1, row_number() over (order by f.n), f.bucket, f.path, f.sha256, f.what
                  from private.integrity_files($2) f where f.kind <> ''backup'')
       insert into private.backup_rows (backup_id, g, part, table_name, data)
       select $1, w.g, dense_rank() over (order by w.bucket), w.t, w.d
       from (select v.g, v.t, v.d, (sum(v.len) over (order by v.g) - v.len) / $3 as bucket
             from (select row_number() over (order by s.t) as g, s.t, s.d, octet_length(s.d::text) as len from (%s) s) v) w', sel)
    using p_backup_id, b.school_id, part_bytes;
    update public.backups set snapshot_at = private.app_now() where id = p_backup_id;
  end if;
  select count(*) into n_rows from private.backup_rows r where r.backup_id = p_backup_id;
  select count(*) into n_objects from private.backup_objects o where o.backup_id = p_backup_id;
  select greatest(1, coalesce(max(r.part), 0)) into parts from private.backup_rows r where r.backup_id = p_backup_id;
  copies := ceil(n_objects::numeric / per_copy)::int;
  if not exists (select 1 from public.job_steps s where s.job_id = b.job_id and s.seq > 1) then
    insert into public.job_steps (job_id, school_id, seq, params)
    select b.job_id, b.school_id, 1 + g, jsonb_build_object('backup_id', p_backup_id, 'part', 'rows', 'seq', g)
    from generate_series(1, parts) g
    union all
    select b.job_id, b.school_id, 1 + parts + g, jsonb_build_object('backup_id', p_backup_id, 'part', 'objects', 'seq', g,
             'from', (g - 1)::bigint * per_copy + 1, 'to', g::bigint * per_copy)
    from generate_series(1, copies) g
    union all
    select b.job_id, b.school_id, 2 + parts + copies, jsonb_build_object('backup_id', p_backup_id, 'part', 'finish', 'after_previous', true);
    update public.jobs set total = 2 + parts + copies where id = b.job_id;
  end if;
  return jsonb_build_object('rows', n_rows, 'objects', n_objects, 'parts', parts, 'copies', copies);
end $$;
revoke execute on function public.backup_snapshot(uuid) from public, anon, authenticated;
grant execute on function public.backup_snapshot(uuid) to service_role;

/**
 * A part's rows (service role) as NDJSON text, one {"t": table, "d": row} per line:
 * written by Postgres so that the worker never parses a number (7.50 stays 7.50, the rows' hashes hold).
 */
create function public.backup_part_rows(p_backup_id uuid, p_part int) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước sao lưu.' using errcode = '42501';
  end if;
  return (select coalesce(string_agg(jsonb_build_object('t', r.table_name, 'd', r.data)::text, E'\n' order by r.g), '')
          from private.backup_rows r where r.backup_id = p_backup_id and r.part = p_part);
end $$;
revoke execute on function public.backup_part_rows(uuid, int) from public, anon, authenticated;
grant execute on function public.backup_part_rows(uuid, int) to service_role;

/** A copy step's archived files (service role). */
create function public.backup_objects_slice(p_backup_id uuid, p_from bigint, p_to bigint)
returns table (n bigint, bucket text, path text, sha256 text, what text)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước sao lưu.' using errcode = '42501';
  end if;
  return query select o.n, o.bucket, o.path, o.sha256, o.what from private.backup_objects o
    where o.backup_id = p_backup_id and o.n between p_from and p_to order by o.n;
end $$;
revoke execute on function public.backup_objects_slice(uuid, bigint, bigint) from public, anon, authenticated;
grant execute on function public.backup_objects_slice(uuid, bigint, bigint) to service_role;

/** Records a file the worker stored (service role); the same path again changes nothing. */
create function public.record_backup_file(p_backup_id uuid, p_kind text, p_seq int, p_path text, p_sha256 text,
                                          p_byte_size bigint, p_row_count int default null, p_source jsonb default null)
returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước sao lưu.' using errcode = '42501';
  end if;
  insert into public.backup_files (backup_id, school_id, kind, seq, path, sha256, byte_size, row_count, source)
  select p_backup_id, b.school_id, p_kind, p_seq, p_path, p_sha256, p_byte_size, p_row_count, p_source
  from public.backups b where b.id = p_backup_id
  on conflict (path) do nothing;
end $$;
revoke execute on function public.record_backup_file(uuid, text, int, text, text, bigint, int, jsonb) from public, anon, authenticated;
grant execute on function public.record_backup_file(uuid, text, int, text, text, bigint, int, jsonb) to service_role;

/** A table's hash as the manifest records it: SHA-256 over the sorted SHA-256s of its rows' canonical JSON. */
create function private.rows_hash(hashes bytea[]) returns text
language sql immutable set search_path = '' as $$
  select encode(extensions.digest(coalesce((select string_agg(h, ''::bytea order by h) from unnest(hashes) h), ''::bytea), 'sha256'), 'hex')
$$;

/**
 * The last step (service role): the manifest (tables: rows and hash; the files; the archived files'
 * originals), the backup done, the staging emptied; returns the manifest's text (the worker stores it as
 * manifest.json: its SHA-256 is manifest_sha256). Done again it returns the stored manifest.
 */
create function public.finish_backup(p_backup_id uuid, p_key_id text) returns text
language plpgsql volatile security definer set search_path = '' set timezone = 'UTC' as $$
declare
  b public.backups;
  v_tables jsonb;
  v_manifest jsonb;
  n_failed int;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước sao lưu.' using errcode = '42501';
  end if;
  select * into b from public.backups where id = p_backup_id for update;
  if b.status = 'done' then
    return b.manifest::text;
  end if;
  select count(*) into n_failed from public.job_steps s where s.job_id = b.job_id and s.status = 'failed';
  if n_failed > 0 then
    update public.backups set status = 'failed', finished_at = private.app_now() where id = p_backup_id;
    delete from private.backup_rows where backup_id = p_backup_id;
    delete from private.backup_objects where backup_id = p_backup_id;
    raise exception 'Một phần của bản sao không ghi được: bản sao không dùng được.' using errcode = '55000';
  end if;
  select jsonb_object_agg(t.table_name, jsonb_build_object('rows', coalesce(h.n, 0), 'sha256', coalesce(h.sha, private.rows_hash('{}')), 'restored', t.restored))
  into v_tables
  from private.backup_tables() t
  left join (
    select r.table_name, count(*) as n, private.rows_hash(array_agg(extensions.digest(convert_to(r.data::text, 'UTF8'), 'sha256'))) as sha
    from private.backup_rows r where r.backup_id = p_backup_id group by r.table_name
  ) h on h.table_name = t.table_name;
  v_manifest := jsonb_build_object(
    'format', 'sdt-backup/1',
    'backup', jsonb_build_object('id', b.id, 'kind', b.kind, 'label', b.label, 'school_year_id', b.school_year_id, 'semester', b.semester,
                                 'snapshot_at', b.snapshot_at),
    'school', (select jsonb_build_object('id', o.id, 'code', o.code, 'name', o.name) from public.org_units o where o.id = b.school_id),
    'encryption', jsonb_build_object('cipher', 'AES-256-GCM', 'kdf', 'HKDF-SHA256(BACKUP_KEY, salt = backup id)', 'key_id', p_key_id,
                                     'file', '12-byte IV, then ciphertext and tag; plaintext gzip (parts: NDJSON {t, d})'),
    'tables', v_tables,
    'files', (select coalesce(jsonb_agg(jsonb_build_object('kind', f.kind, 'seq', f.seq, 'path', f.path, 'sha256', f.sha256,
                                                           'bytes', f.byte_size, 'rows', f.row_count, 'source', f.source) order by f.kind desc, f.seq), '[]')
              from public.backup_files f where f.backup_id = p_backup_id and f.kind in ('part', 'object')));
  update public.backups
  set status = 'done', finished_at = private.app_now(), manifest = v_manifest,
      manifest_sha256 = encode(extensions.digest(convert_to(v_manifest::text, 'UTF8'), 'sha256'), 'hex'),
      row_count = (select count(*) from private.backup_rows r where r.backup_id = p_backup_id),
      byte_size = (select coalesce(sum(f.byte_size), 0) from public.backup_files f where f.backup_id = p_backup_id)
  where id = p_backup_id;
  delete from private.backup_rows where backup_id = p_backup_id;
  delete from private.backup_objects where backup_id = p_backup_id;
  return v_manifest::text;
end $$;
revoke execute on function public.finish_backup(uuid, text) from public, anon, authenticated;
grant execute on function public.finish_backup(uuid, text) to service_role;

-- A backup job that fails for good is a failed backup (its staging emptied); the next one can start.
create function private.close_failed_backup() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b uuid;
begin
  if new.status = 'failed' and old.status is distinct from 'failed' then
    if new.kind = 'backup' then
      update public.backups set status = 'failed', finished_at = private.app_now() where job_id = new.id and status = 'running'
      returning id into b;
      delete from private.backup_rows where backup_id = b;
      delete from private.backup_objects where backup_id = b;
    elsif new.kind = 'restore' then
      perform private.drop_restore_schema(r.id) from public.restore_requests r where r.job_id = new.id;
      update public.restore_requests set status = 'failed' where job_id = new.id and status in ('approved', 'checked');
    end if;
  end if;
  return new;
end $$;

-- ───────────────────────────── download on BGH's approval ─────────────────────────────

/** rpc/request_backup_download {p_backup_id, p_reason}: IT staff of the school ask to download a done backup. */
create function public.request_backup_download(p_backup_id uuid, p_reason text) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  b public.backups;
  id uuid;
begin
  select * into b from public.backups x where x.id = p_backup_id;
  if not found or b.school_id not in (select private.my_school_ids('{it_staff}')) then
    raise exception 'Chỉ cán bộ công nghệ thông tin của trường xin tải bản sao lưu của trường.' using errcode = '42501';
  end if;
  if b.status <> 'done' then
    raise exception 'Bản sao lưu này chưa hoàn tất: chưa tải được.' using errcode = '55000';
  end if;
  if length(btrim(coalesce(p_reason, ''))) < 10 then
    raise exception 'Hãy ghi rõ lý do tải bản sao lưu (ít nhất 10 kí tự): Ban giám hiệu duyệt theo lý do này.' using errcode = '22023';
  end if;
  insert into public.backup_downloads (backup_id, school_id, requested_by, reason)
  values (b.id, b.school_id, (select auth.uid()), btrim(p_reason)) returning backup_downloads.id into id;
  return id;
end $$;
revoke execute on function public.request_backup_download(uuid, text) from public, anon;
grant execute on function public.request_backup_download(uuid, text) to authenticated;

/** rpc/decide_backup_download {p_download_id, p_approve, p_note}: BGH of the school (not the asker) approve (24 h) or refuse. */
create function public.decide_backup_download(p_download_id uuid, p_approve boolean, p_note text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  d public.backup_downloads;
begin
  select * into d from public.backup_downloads x where x.id = p_download_id for update;
  if not found or d.school_id not in (select private.my_school_ids('{principal,vice_principal}')) then
    raise exception 'Chỉ Ban giám hiệu của trường duyệt việc tải bản sao lưu.' using errcode = '42501';
  end if;
  if d.requested_by = (select auth.uid()) then
    raise exception 'Người xin tải không tự duyệt yêu cầu của mình.' using errcode = '42501';
  end if;
  if d.status <> 'requested' then
    raise exception 'Yêu cầu này đã được quyết định.' using errcode = '55000';
  end if;
  if not p_approve and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'Hãy ghi lý do từ chối.' using errcode = '22023';
  end if;
  update public.backup_downloads
  set status = case when p_approve then 'approved' else 'refused' end, decided_by = (select auth.uid()), decided_at = now(),
      decision_note = nullif(btrim(coalesce(p_note, '')), ''), approved_until = case when p_approve then now() + interval '24 hours' end
  where id = p_download_id returning * into d;
  return to_jsonb(d);
end $$;
revoke execute on function public.decide_backup_download(uuid, boolean, text) from public, anon;
grant execute on function public.decide_backup_download(uuid, boolean, text) to authenticated;

/**
 * rpc/issue_backup_link {p_download_id} (the `backups` function, as the user): the asker of an approved
 * request, within its 24 hours (real clock), gets the list of the backup's files to sign links for; each
 * issue is counted on the request (an audited update).
 */
create function public.issue_backup_link(p_download_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  d public.backup_downloads;
begin
  select * into d from public.backup_downloads x where x.id = p_download_id for update;
  if not found or d.requested_by is distinct from (select auth.uid()) then
    raise exception 'Chỉ người đã xin tải nhận được đường dẫn tải bản sao lưu này.' using errcode = '42501';
  end if;
  if d.status <> 'approved' then
    raise exception 'Yêu cầu tải bản sao lưu chưa được Ban giám hiệu duyệt.' using errcode = '42501';
  end if;
  if d.approved_until <= now() then
    raise exception 'Sự đồng ý của Ban giám hiệu cho việc tải đã hết hạn (24 giờ); hãy xin lại.' using errcode = '42501';
  end if;
  update public.backup_downloads set links_issued = links_issued + 1, last_link_at = now() where id = p_download_id;
  return jsonb_build_object(
    'backup_id', d.backup_id,
    'label', (select b.label from public.backups b where b.id = d.backup_id),
    'files', (select jsonb_agg(jsonb_build_object('kind', f.kind, 'seq', f.seq, 'path', f.path, 'bytes', f.byte_size, 'sha256', f.sha256)
                               order by f.kind, f.seq)
              from public.backup_files f where f.backup_id = d.backup_id));
end $$;
revoke execute on function public.issue_backup_link(uuid) from public, anon;
grant execute on function public.issue_backup_link(uuid) to authenticated;

-- ───────────────────────────── restore on the principal's decision ─────────────────────────────

create table private.restore_loaded (
  request_id uuid not null,
  seq int not null,
  primary key (request_id, seq)
);

create function private.restore_schema(p_request_id uuid) returns text
language sql immutable set search_path = '' as $$ select 'restore_' || replace(p_request_id::text, '-', '') $$;

create function private.drop_restore_schema(p_request_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  execute format('drop schema if exists %I cascade', private.restore_schema(p_request_id));
end $$;
revoke execute on function private.drop_restore_schema(uuid) from public;

create trigger jobs_close_backup after update of status on public.jobs
  for each row execute function private.close_failed_backup();

/** rpc/request_restore {p_backup_id, p_reason}: IT staff of the school ask to restore it to a done backup. */
create function public.request_restore(p_backup_id uuid, p_reason text) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  b public.backups;
  id uuid;
begin
  select * into b from public.backups x where x.id = p_backup_id;
  if not found or b.school_id not in (select private.my_school_ids('{it_staff}')) then
    raise exception 'Chỉ cán bộ công nghệ thông tin của trường đề nghị khôi phục dữ liệu của trường.' using errcode = '42501';
  end if;
  if b.status <> 'done' then
    raise exception 'Bản sao lưu này chưa hoàn tất: không khôi phục từ bản này được.' using errcode = '55000';
  end if;
  if length(btrim(coalesce(p_reason, ''))) < 10 then
    raise exception 'Hãy ghi rõ lý do khôi phục (ít nhất 10 kí tự): Hiệu trưởng quyết định theo lý do này.' using errcode = '22023';
  end if;
  perform 1 from public.org_units o where o.id = b.school_id for update;
  if exists (select 1 from public.restore_requests r where r.school_id = b.school_id and r.status in ('requested', 'approved', 'checked')) then
    raise exception 'Trường đang có một đề nghị khôi phục chưa xong; hãy chờ quyết định hoặc kết quả của đề nghị đó.' using errcode = '55000';
  end if;
  insert into public.restore_requests (backup_id, school_id, requested_by, reason)
  values (b.id, b.school_id, (select auth.uid()), btrim(p_reason)) returning restore_requests.id into id;
  return id;
end $$;
revoke execute on function public.request_restore(uuid, text) from public, anon;
grant execute on function public.request_restore(uuid, text) to authenticated;

/**
 * rpc/decide_restore {p_request_id, p_approve, p_note}: the principal of the school decides. Approved: a
 * fresh schema with empty copies of the backup's tables, and the restore job (a load step per part, the
 * check, the apply).
 */
create function public.decide_restore(p_request_id uuid, p_approve boolean, p_note text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.restore_requests;
  b public.backups;
  job uuid;
  sch text;
  t record;
  parts int;
begin
  select * into r from public.restore_requests x where x.id = p_request_id for update;
  if not found or r.school_id not in (select private.my_school_ids('{principal}')) then
    raise exception 'Chỉ Hiệu trưởng của trường quyết định khôi phục dữ liệu.' using errcode = '42501';
  end if;
  if r.status <> 'requested' then
    raise exception 'Đề nghị khôi phục này đã được quyết định.' using errcode = '55000';
  end if;
  if not p_approve then
    if length(btrim(coalesce(p_note, ''))) = 0 then
      raise exception 'Hãy ghi lý do từ chối.' using errcode = '22023';
    end if;
    update public.restore_requests set status = 'refused', decided_by = (select auth.uid()), decided_at = private.app_now(),
           decision_note = btrim(p_note) where id = p_request_id returning * into r;
    return to_jsonb(r);
  end if;
  select * into b from public.backups where id = r.backup_id;
  sch := private.restore_schema(r.id);
  execute format('create schema %I', sch);
  execute format('revoke all on schema %I from public', sch);
  for t in select * from private.backup_tables() loop
    execute format('create table %I.%I (like public.%I)', sch, t.table_name, t.table_name);
  end loop;
  select count(*) into parts from public.backup_files f where f.backup_id = b.id and f.kind = 'part';
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (r.school_id, 'restore', jsonb_build_object('request_id', r.id, 'backup_id', b.id),
          'Khôi phục dữ liệu theo ' || b.label, (select auth.uid()), parts + 2)
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, r.school_id, f.seq, jsonb_build_object('request_id', r.id, 'part', 'load', 'seq', f.seq, 'path', f.path, 'sha256', f.sha256)
  from public.backup_files f where f.backup_id = b.id and f.kind = 'part'
  union all
  select job, r.school_id, parts + 1, jsonb_build_object('request_id', r.id, 'part', 'check', 'after_previous', true)
  union all
  select job, r.school_id, parts + 2, jsonb_build_object('request_id', r.id, 'part', 'apply', 'after_previous', true);
  update public.restore_requests set status = 'approved', decided_by = (select auth.uid()), decided_at = private.app_now(),
         decision_note = nullif(btrim(coalesce(p_note, '')), ''), job_id = job where id = p_request_id returning * into r;
  return to_jsonb(r);
end $$;
revoke execute on function public.decide_restore(uuid, boolean, text) from public, anon;
grant execute on function public.decide_restore(uuid, boolean, text) to authenticated;

create table private.restore_pieces (
  request_id uuid not null,
  seq int not null,
  piece int not null,
  text text not null,
  primary key (request_id, seq, piece)
);

/**
 * A load step (service role): a decrypted part's NDJSON text into the fresh schema. The worker sends it in
 * pieces of under 1 MB (a request to the API is at most 2 MB; one row may be larger than that), each kept
 * until the last arrives; then the part's rows are inserted at once. A part loaded twice counts once.
 */
create function public.restore_load(p_request_id uuid, p_seq int, p_piece int, p_text text, p_last boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' set timezone = 'UTC' as $$
declare
  r public.restore_requests;
  sch text;
  t record;
  n bigint := 0;
  k bigint;
  ndjson text;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước khôi phục.' using errcode = '42501';
  end if;
  select * into r from public.restore_requests where id = p_request_id;
  if r.status <> 'approved' then
    raise exception 'Đề nghị khôi phục này không ở bước nạp dữ liệu.' using errcode = '55000';
  end if;
  if exists (select 1 from private.restore_loaded l where l.request_id = p_request_id and l.seq = p_seq) then
    return jsonb_build_object('rows', 0, 'again', true);
  end if;
  insert into private.restore_pieces values (p_request_id, p_seq, p_piece, p_text)
  on conflict (request_id, seq, piece) do update set text = excluded.text;
  if not p_last then
    return jsonb_build_object('piece', p_piece);
  end if;
  select string_agg(x.text, '' order by x.piece) into ndjson from private.restore_pieces x where x.request_id = p_request_id and x.seq = p_seq;
  if (select count(*) from private.restore_pieces x where x.request_id = p_request_id and x.seq = p_seq) <> p_piece then
    raise exception 'Phần % của bản sao chưa nhận đủ.', p_seq using errcode = '55000';
  end if;
  insert into private.restore_loaded values (p_request_id, p_seq);
  delete from private.restore_pieces x where x.request_id = p_request_id and x.seq = p_seq;
  sch := private.restore_schema(p_request_id);
  for t in select e ->> 't' as name, jsonb_agg(e -> 'd') as rows
           from (select line::jsonb as e from regexp_split_to_table(ndjson, E'\n') line where line <> '') l group by 1 loop
    if not exists (select 1 from private.backup_tables() b where b.table_name = t.name) then
      raise exception 'Bản sao có bảng % không thuộc dữ liệu của trường.', t.name using errcode = '22023';
    end if;
    execute format('insert into %1$I.%2$I select * from jsonb_populate_recordset(null::%1$I.%2$I, $1)', sch, t.name) using t.rows;
    get diagnostics k = row_count;
    n := n + k;
  end loop;
  return jsonb_build_object('rows', n);
end $$;
revoke execute on function public.restore_load(uuid, int, int, text, boolean) from public, anon, authenticated;
grant execute on function public.restore_load(uuid, int, int, text, boolean) to service_role;

/**
 * The check (service role): in the fresh schema, every table's rows and hash against the manifest, and
 * every audit chain of the backup verified from its first entry and held against its head.
 */
create function public.restore_check(p_request_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' set timezone = 'UTC' as $$
declare
  r public.restore_requests;
  b public.backups;
  sch text;
  t record;
  n bigint;
  sha text;
  tables jsonb := '{}';
  broken jsonb := '[]';
  ok boolean := true;
  ch record;
  e record;
  prev bytea;
  expected bigint;
  chain_ok boolean;
  chains int := 0;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước khôi phục.' using errcode = '42501';
  end if;
  select * into r from public.restore_requests where id = p_request_id for update;
  if r.status <> 'approved' then
    return r.report;
  end if;
  select * into b from public.backups where id = r.backup_id;
  sch := private.restore_schema(p_request_id);
  for t in select key as name, value as m from jsonb_each(b.manifest -> 'tables') loop
    execute format('select count(*), private.rows_hash(array_agg(extensions.digest(convert_to(to_jsonb(x)::text, ''UTF8''), ''sha256''))) from %I.%I x', sch, t.name)
    into n, sha;
    tables := tables || jsonb_build_object(t.name, jsonb_build_object('rows', n, 'sha256', sha,
                'ok', n = (t.m ->> 'rows')::bigint and sha = t.m ->> 'sha256'));
    ok := ok and n = (t.m ->> 'rows')::bigint and sha = t.m ->> 'sha256';
  end loop;
  -- The backup's chains: each walked from its first entry, its last entry against the backup's head.
  for ch in execute format('select c.school_year_key, c.last_seq, c.last_hash from %I.audit_chains c', sch) loop
    chains := chains + 1;
    prev := null;
    expected := 1;
    chain_ok := true;
    for e in execute format(
      'select a.seq, a.prev_hash, a.hash, private.audit_content(jsonb_populate_record(null::public.audit_log, to_jsonb(a))) as content
       from %I.audit_log a where a.school_year_id is not distinct from nullif($1, ''00000000-0000-0000-0000-000000000000''::uuid) order by a.seq', sch)
      using ch.school_year_key
    loop
      if e.seq <> expected or e.prev_hash is distinct from prev or e.hash <> private.audit_hash(prev, e.content) then
        chain_ok := false;
        broken := broken || jsonb_build_array(jsonb_build_object('chain', ch.school_year_key, 'seq', e.seq));
        exit;
      end if;
      prev := e.hash;
      expected := expected + 1;
    end loop;
    if chain_ok and (expected - 1 <> ch.last_seq or prev is distinct from ch.last_hash) then
      chain_ok := false;
      broken := broken || jsonb_build_array(jsonb_build_object('chain', ch.school_year_key, 'head', ch.last_seq, 'entries', expected - 1));
    end if;
    ok := ok and chain_ok;
  end loop;
  update public.restore_requests
  set status = case when ok then 'checked' else 'check_failed' end,
      report = jsonb_build_object('check', jsonb_build_object('ok', ok, 'tables', tables, 'chains', chains, 'broken_chains', broken))
  where id = p_request_id returning * into r;
  if not ok then
    perform private.drop_restore_schema(p_request_id);
  end if;
  return r.report;
end $$;
revoke execute on function public.restore_check(uuid) from public, anon, authenticated;
grant execute on function public.restore_check(uuid) to service_role;

/**
 * Replaces the school's live rows of every restored table with the fresh schema's, triggers off for this
 * transaction only (session_replication_role = replica: the rows are the backup's, already checked; no
 * audit entry per row, no workflow rule re-run, no retention guard). Columns generated by Postgres are
 * computed again; identity columns keep the backup's values. Returns per table {deleted, inserted}.
 */
create function private.restore_replace(p_school_id uuid, p_schema text) returns jsonb
language plpgsql volatile security definer set search_path = '' set session_replication_role = 'replica' as $$
declare
  t record;
  cols text;
  del bigint;
  ins bigint;
  out jsonb := '{}';
begin
  for t in select * from private.backup_tables() where restored loop
    select string_agg(format('%I', a.attname), ', ' order by a.attnum) into cols
    from pg_attribute a where a.attrelid = ('public.' || t.table_name)::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '';
    execute format('delete from public.%I where school_id = $1', t.table_name) using p_school_id;
    get diagnostics del = row_count;
    execute format('insert into public.%1$I (%2$s) overriding system value select %2$s from %3$I.%1$I', t.table_name, cols, p_schema);
    get diagnostics ins = row_count;
    out := out || jsonb_build_object(t.table_name, jsonb_build_object('deleted', del, 'inserted', ins));
  end loop;
  return out;
end $$;
revoke execute on function private.restore_replace(uuid, text) from public;

/**
 * The apply step (service role): a checked restore replaces the school's live data in one transaction,
 * refreshes the counts kept beside the gradebook, drops the fresh schema, and is recorded: the update of
 * the request to `applied`, with what was replaced, is an entry of the school's audit chain.
 */
create function public.restore_apply(p_request_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  r public.restore_requests;
  b public.backups;
  replaced jsonb;
  y uuid;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước khôi phục.' using errcode = '42501';
  end if;
  select * into r from public.restore_requests where id = p_request_id for update;
  if r.status <> 'checked' then
    return jsonb_build_object('status', r.status);
  end if;
  select * into b from public.backups where id = r.backup_id;
  perform 1 from public.org_units o where o.id = r.school_id for update;
  replaced := private.restore_replace(r.school_id, private.restore_schema(p_request_id));
  for y in select s.id from public.school_years s where s.school_id = r.school_id loop
    perform private.refresh_score_entry_counts(y);
  end loop;
  perform private.drop_restore_schema(p_request_id);
  update public.restore_requests
  set status = 'applied', applied_at = private.app_now(),
      report = report || jsonb_build_object('applied', jsonb_build_object('backup', b.label, 'snapshot_at', b.snapshot_at,
                                                                            'manifest_sha256', b.manifest_sha256, 'tables', replaced))
  where id = p_request_id returning * into r;
  return jsonb_build_object('status', r.status);
end $$;
revoke execute on function public.restore_apply(uuid) from public, anon, authenticated;
grant execute on function public.restore_apply(uuid) to service_role;

-- ───────────────────────────── integrity checks read the backups too ─────────────────────────────

-- private.integrity_files as in 20261205011000, and every file of every done backup (its encrypted bytes
-- against the hash the manifest records).
create or replace function private.integrity_files(p_school_id uuid)
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
    union all
    select 'backup', 'backups', f.path, f.sha256, f.created_at,
           format('%s, %s %s', b.label, case f.kind when 'part' then 'phần dữ liệu' when 'object' then 'bản sao tệp' else 'bản kê' end, f.seq)
    from public.backup_files f join public.backups b on b.id = f.backup_id
    where f.school_id = p_school_id and b.status = 'done'
  ) f
$$;
