-- Electronic dossiers (issue 17), second part: submissions, review, reopening, locks and check rounds.
--
-- The life of an obligation (dossier_obligations.status, changed only by the functions below):
--   missing ──upload──▶ draft ──submit──▶ submitted ──approve──▶ approved ──reopen granted──▶ reopened
--                         ▲  ▲                 │                                               │
--                         │  └────upload── returned ◀─return (comment bound to the version)    │
--                         └──────────────────────────────upload────────────────────────────────┘
-- An item reviewed by nobody (reviewer 'none') is approved when it is submitted.
--
-- Files: the person uploads the bytes into the private bucket `dossiers` under incoming/<their id>/…
-- (storage RLS lets nobody else write there and nobody read it directly); the `dossiers` function then
-- finalises the upload in one step — content sniffed, size, sha256, the signatures verified — and records
-- the version with public.record_dossier_version (service role only), or removes the object. A version is
-- immutable: its bytes, hash and signature never change and no API deletes it (triggers refuse UPDATE and
-- DELETE to every role; the storage object is frozen once a version names it). Signing a version makes a
-- new version (the PAdES-signed PDF, or the same bytes with a detached CAdES signature) naming the one it
-- signed. Where the item requires a signature, submitting is accepted only for a version that carries a
-- valid signature of the submitter over exactly its bytes (signed_by, set by the function after it
-- verified the signature).
--
-- Who does what (each refused in Postgres with a sentence):
--   submit   the responsible party: the teacher or GVCN themself, the department's head, the union
--            group's officer, the library or equipment keeper (memberships.dossier_duties), and for the
--            school's own dossiers BGH, the admin board or the clerk;
--   review   the item's reviewer: the principal; BGH (principal, vice principals); or the head of the
--            teacher's department — BGH may always review; nobody reviews what they submitted;
--   reopen   the submitter asks, a BGH member grants or refuses (recorded);
--   lock     the principal, for a semester or the year; a locked dossier accepts nothing (upload, sign,
--            submit, review, reopen);
--   check    BGH over the school or a department, a department head over theirs: a weekly or monthly
--            round recorded as a biên bản kiểm tra (public.inspections, scope 'dossiers').
-- Readers: as the obligations (20261204008000), except that the managing office reads the files of items
-- reported up only, never a personal dossier, and never the history or the reopen requests.

-- The workflow's clock: the database's today (pinned in the demo and tests) at Vietnam's time of day now, so
-- that "submitted late" and the history read the same calendar as the due dates.
create function private.app_now() returns timestamptz
language sql stable set search_path = ''
as $$ select (public.app_today() + (now() at time zone 'Asia/Ho_Chi_Minh')::time) at time zone 'Asia/Ho_Chi_Minh' $$;
grant execute on function private.app_now() to authenticated, service_role;

-- ───────────────────────────── who keeps the library and equipment files ─────────────────────────────
alter table public.memberships add column dossier_duties text[]
  check (dossier_duties <@ array['library', 'equipment']::text[] and dossier_duties <> '{}');
comment on column public.memberships.dossier_duties is 'Staff who keep the library (library) or equipment (equipment) dossiers of the school that year.';

-- (school, year, party) the caller submits for as a keeper: library/equipment by duty, the school's own by role.
create function private.my_dossier_duties() returns table (school_id uuid, school_year_id uuid, party text)
language sql stable security definer set search_path = ''
as $$
  select m.org_unit_id, m.school_year_id, d from public.memberships m cross join unnest(m.dossier_duties) d
  where m.profile_id = (select auth.uid()) and m.school_year_id is not null
  union
  select m.org_unit_id, m.school_year_id, 'school' from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role in ('principal', 'vice_principal', 'admin_board', 'clerk') and m.school_year_id is not null
$$;
revoke execute on function private.my_dossier_duties() from public, anon;
grant execute on function private.my_dossier_duties() to authenticated, service_role;

-- The departments the caller heads, with the year they head them (a former Tổ trưởng keeps nothing of
-- a year they do not head: department ids stay the same from year to year).
create function private.my_headed_departments() returns table (department_id uuid, school_year_id uuid)
language sql stable security definer set search_path = ''
as $$
  select d.department_id, d.school_year_id from public.department_members d
  where d.profile_id = (select auth.uid()) and d.is_head and d.school_year_id in (select private.my_year_ids('{dept_head}'))
$$;
revoke execute on function private.my_headed_departments() from public, anon;
grant execute on function private.my_headed_departments() to authenticated, service_role;

-- ───────────────────────────── the obligation's state ─────────────────────────────
alter table public.dossier_obligations
  add column status text not null default 'missing' check (status in ('missing', 'draft', 'submitted', 'returned', 'approved', 'reopened')),
  add column current_version_id uuid,
  add column first_submitted_at timestamptz,
  add column submitted_at timestamptz,
  add column decided_at timestamptz,
  add column updated_at timestamptz not null default now();
comment on column public.dossier_obligations.status is 'missing, draft (uploaded, not submitted), submitted, returned, approved, reopened (BGH granted a change): changed only by the dossier functions.';
comment on column public.dossier_obligations.first_submitted_at is 'The first submission: late when after due_at.';
create index dossier_obligations_status_idx on public.dossier_obligations (school_id, status);

-- The obligations a caller reads (20261204008000) plus the keepers' own.
drop policy dossier_obligations_select on public.dossier_obligations;
create policy dossier_obligations_select on public.dossier_obligations for select to authenticated
  using (profile_id = (select auth.uid())
         or school_id in (select private.my_school_ids('{principal,vice_principal,admin_board}'))
         or (department_id, school_year_id) in (select h.department_id, h.school_year_id from private.my_headed_departments() h)
         or (school_year_id, profile_id) in (select t.school_year_id, t.profile_id from private.my_department_teacher_ids() t)
         or (school_id, union_group) in (select g.school_id, g.union_group from private.my_union_groups() g)
         or (school_id, school_year_id, party) in (select d.school_id, d.school_year_id, d.party from private.my_dossier_duties() d)
         or school_id in (select private.my_officer_school_ids()));
comment on policy dossier_obligations_select on public.dossier_obligations is
  'A person their own; a department head the department''s and its teachers''; a union officer their groups''; the library/equipment keeper and the school''s staff who keep its own files theirs; BGH and the admin board the school''s; the managing office the status of every obligation of its schools.';

-- Whether the caller reads an obligation's files and history as staff (the policy above but the office).
create function private.dossier_staff_reads(p_school_id uuid, p_school_year_id uuid, p_party text, p_profile_id uuid,
                                            p_department_id uuid, p_union_group text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(p_profile_id = (select auth.uid())
      or p_school_id in (select private.my_school_ids('{principal,vice_principal,admin_board}'))
      or (p_department_id, p_school_year_id) in (select h.department_id, h.school_year_id from private.my_headed_departments() h)
      or (p_school_year_id, p_profile_id) in (select t.school_year_id, t.profile_id from private.my_department_teacher_ids() t)
      or (p_school_id, p_union_group) in (select g.school_id, g.union_group from private.my_union_groups() g)
      or (p_school_id, p_school_year_id, p_party) in (select d.school_id, d.school_year_id, d.party from private.my_dossier_duties() d), false)
$$;
revoke execute on function private.dossier_staff_reads(uuid, uuid, text, uuid, uuid, text) from public, anon;
grant execute on function private.dossier_staff_reads(uuid, uuid, text, uuid, uuid, text) to authenticated, service_role;

-- Whether the caller submits for an obligation.
create function private.dossier_submitter(o public.dossier_obligations) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(case o.party
    when 'teacher' then o.profile_id = (select auth.uid())
    when 'homeroom' then o.profile_id = (select auth.uid())
    when 'department' then (o.department_id, o.school_year_id) in (select h.department_id, h.school_year_id from private.my_headed_departments() h)
    when 'union_group' then (o.school_id, o.union_group) in (select g.school_id, g.union_group from private.my_union_groups() g)
    else (o.school_id, o.school_year_id, o.party) in (select d.school_id, d.school_year_id, d.party from private.my_dossier_duties() d)
  end, false)
$$;
revoke execute on function private.dossier_submitter(public.dossier_obligations) from public, anon;
grant execute on function private.dossier_submitter(public.dossier_obligations) to authenticated, service_role;

-- Whether the caller is a BGH member (principal or vice principal) of the obligation's school year.
create function private.dossier_bgh(p_school_year_id uuid, p_principal_only boolean default false) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(p_school_year_id in (select private.my_year_ids(case when p_principal_only then '{principal}'::public.app_role[]
                                                              else '{principal,vice_principal}'::public.app_role[] end)), false)
$$;
revoke execute on function private.dossier_bgh(uuid, boolean) from public, anon;
grant execute on function private.dossier_bgh(uuid, boolean) to authenticated, service_role;

-- ───────────────────────────── locks ─────────────────────────────
create table public.dossier_locks (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  -- 1 or 2: the semester's dossiers; null: the whole year's.
  semester smallint check (semester in (1, 2)),
  locked_by uuid not null references public.profiles (id) on delete restrict,
  locked_at timestamptz not null default private.app_now(),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
create unique index dossier_locks_unique on public.dossier_locks (school_year_id, coalesce(semester, 0));
create index dossier_locks_school_idx on public.dossier_locks (school_id);
comment on table public.dossier_locks is 'Khoá hồ sơ: the principal locks a semester''s (its periods) or the year''s dossiers; a locked dossier accepts nothing. Never unlocked, never deleted.';
alter table public.dossier_locks enable row level security;
grant select on public.dossier_locks to authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger on public.dossier_locks from authenticated, anon, service_role;
create policy dossier_locks_select on public.dossier_locks for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_staff_roles())) or school_id in (select private.my_officer_school_ids()));
comment on policy dossier_locks_select on public.dossier_locks is 'The school''s staff and its managing office see which dossiers are locked.';
select private.enable_audit('public.dossier_locks');
select private.enable_audit('public.dossier_obligations');

-- Whether an obligation is locked: by the year's lock, or by the lock of the semester its period starts in —
-- except the year's own dossiers (yearly and once: a period of the whole year), which only the year's lock
-- closes. With both semesters locked every week and month is closed (one straddling the semesters belongs to
-- the one it starts in).
create function private.dossier_locked(o public.dossier_obligations) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.dossier_locks l join public.school_years y on y.id = l.school_year_id
    where l.school_year_id = o.school_year_id
      and (l.semester is null
           or (not (o.period_start <= y.starts_on and o.period_end >= y.ends_on)
               and ((l.semester = 1 and o.period_start <= y.semester1_ends_on)
                    or (l.semester = 2 and o.period_start > y.semester1_ends_on)))))
$$;
revoke execute on function private.dossier_locked(public.dossier_obligations) from public, anon;
grant execute on function private.dossier_locked(public.dossier_obligations) to authenticated, service_role;

-- ───────────────────────────── versions ─────────────────────────────
create table public.dossier_versions (
  id uuid primary key default extensions.gen_random_uuid(),
  obligation_id uuid not null references public.dossier_obligations (id) on delete restrict,
  -- Copied from the obligation (immutable there too): the row's readers are decided without a join.
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  party text not null,
  profile_id uuid,
  department_id uuid,
  union_group text,
  reported_up boolean not null,
  version int not null check (version >= 1),
  file_name text not null check (length(file_name) between 1 and 160),
  file_type text not null check (file_type in ('pdf', 'docx', 'xlsx', 'odt', 'png', 'jpeg')),
  content_type text not null,
  byte_size bigint not null check (byte_size between 1 and 52428800),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_path text not null,
  -- The signature over exactly these bytes, verified by the function: PAdES inside the PDF, or a detached
  -- CAdES (DER, base64) for other formats. signed_by: the profile whose certificate signed it.
  signature_kind text check (signature_kind in ('pades', 'cades')),
  signature_base64 text,
  signed_by uuid references public.profiles (id) on delete restrict,
  signer_name text,
  certificate_serial text,
  signed_at timestamptz,
  signed_from uuid references public.dossier_versions (id) on delete restrict,
  uploaded_by uuid not null references public.profiles (id) on delete restrict,
  created_at timestamptz not null default private.app_now(),
  constraint dossier_versions_number unique (obligation_id, version),
  constraint dossier_versions_signature check ((signature_kind is null) = (signed_by is null)
                                               and ((signature_kind = 'cades') = (signature_base64 is not null))),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
create index dossier_versions_school_idx on public.dossier_versions (school_id, school_year_id);
create index dossier_versions_profile_idx on public.dossier_versions (profile_id);
create index dossier_versions_year_idx on public.dossier_versions (school_year_id);
create index dossier_versions_department_idx on public.dossier_versions (department_id);
create index dossier_versions_signed_by_idx on public.dossier_versions (signed_by);
create index dossier_versions_uploaded_by_idx on public.dossier_versions (uploaded_by);
create index dossier_versions_signed_from_idx on public.dossier_versions (signed_from);
create unique index dossier_versions_path on public.dossier_versions (storage_path) where signature_kind is distinct from 'cades';
comment on table public.dossier_versions is 'Every file ever submitted for a dossier obligation, immutable with its sha256 and verified signature; never deleted.';
alter table public.dossier_obligations add constraint dossier_obligations_current_version
  foreign key (current_version_id) references public.dossier_versions (id) on delete restrict;
create index dossier_obligations_current_version_idx on public.dossier_obligations (current_version_id);

alter table public.dossier_versions enable row level security;
grant select on public.dossier_versions to authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger on public.dossier_versions from authenticated, anon, service_role;
create policy dossier_versions_select on public.dossier_versions for select to authenticated
  using (private.dossier_staff_reads(school_id, school_year_id, party, profile_id, department_id, union_group)
         or (reported_up and party not in ('teacher', 'homeroom') and school_id in (select private.my_officer_school_ids())));
comment on policy dossier_versions_select on public.dossier_versions is
  'Who reads the obligation as staff reads its files; the managing office only the files of items reported up, never a personal dossier.';

create function private.freeze_dossier_rows() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'Hồ sơ điện tử đã nộp là hồ sơ lưu trữ: không được sửa hay xoá (nộp phiên bản mới thay thế).' using errcode = '42501';
end $$;
create trigger dossier_versions_frozen before update or delete on public.dossier_versions
  for each row execute function private.freeze_dossier_rows();
create trigger dossier_obligations_no_delete before delete on public.dossier_obligations
  for each row execute function private.freeze_dossier_rows();
select private.enable_audit('public.dossier_versions');

-- ───────────────────────────── history ─────────────────────────────
create table public.dossier_events (
  id bigint generated always as identity primary key,
  obligation_id uuid not null references public.dossier_obligations (id) on delete restrict,
  version_id uuid references public.dossier_versions (id) on delete restrict,
  school_id uuid not null,
  school_year_id uuid not null,
  party text not null,
  profile_id uuid,
  department_id uuid,
  union_group text,
  kind text not null check (kind in ('uploaded', 'signed', 'submitted', 'approved', 'returned', 'reopen_requested', 'reopen_granted', 'reopen_refused')),
  actor uuid references public.profiles (id) on delete restrict,
  comment text check (length(comment) <= 2000),
  created_at timestamptz not null default private.app_now()
);
create index dossier_events_obligation_idx on public.dossier_events (obligation_id, id);
create index dossier_events_version_idx on public.dossier_events (version_id);
create index dossier_events_actor_idx on public.dossier_events (actor);
create index dossier_events_school_idx on public.dossier_events (school_id);
create index dossier_events_year_idx on public.dossier_events (school_year_id);
create index dossier_events_profile_idx on public.dossier_events (profile_id);
create index dossier_events_department_idx on public.dossier_events (department_id);
comment on table public.dossier_events is 'The history of a dossier: uploads, signatures, submissions, reviews (a return''s comment bound to its version), reopen requests and decisions. Append-only.';
alter table public.dossier_events enable row level security;
grant select on public.dossier_events to authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger on public.dossier_events from authenticated, anon, service_role;
create policy dossier_events_select on public.dossier_events for select to authenticated
  using (private.dossier_staff_reads(school_id, school_year_id, party, profile_id, department_id, union_group));
comment on policy dossier_events_select on public.dossier_events is 'Who reads the obligation as staff reads its history (the office does not).';
create trigger dossier_events_frozen before update or delete on public.dossier_events
  for each row execute function private.freeze_dossier_rows();

create function private.dossier_event(o public.dossier_obligations, p_kind text, p_version_id uuid, p_comment text) returns void
language sql volatile security definer set search_path = ''
as $$
  insert into public.dossier_events (obligation_id, version_id, school_id, school_year_id, party, profile_id, department_id, union_group, kind, actor, comment)
  values (o.id, p_version_id, o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group, p_kind, (select auth.uid()), p_comment)
$$;
revoke execute on function private.dossier_event(public.dossier_obligations, text, uuid, text) from public, anon, authenticated;

-- ───────────────────────────── reopen requests ─────────────────────────────
create table public.dossier_reopen_requests (
  id uuid primary key default extensions.gen_random_uuid(),
  obligation_id uuid not null references public.dossier_obligations (id) on delete restrict,
  school_id uuid not null,
  school_year_id uuid not null,
  party text not null,
  profile_id uuid,
  department_id uuid,
  union_group text,
  requested_by uuid not null references public.profiles (id) on delete restrict,
  reason text not null check (length(btrim(reason)) between 5 and 2000),
  status text not null default 'pending' check (status in ('pending', 'granted', 'refused')),
  decided_by uuid references public.profiles (id) on delete restrict,
  decided_at timestamptz,
  decision_note text check (length(decision_note) <= 2000),
  created_at timestamptz not null default private.app_now()
);
create unique index dossier_reopen_one_pending on public.dossier_reopen_requests (obligation_id) where status = 'pending';
create index dossier_reopen_school_idx on public.dossier_reopen_requests (school_id, status);
create index dossier_reopen_requested_by_idx on public.dossier_reopen_requests (requested_by);
create index dossier_reopen_year_idx on public.dossier_reopen_requests (school_year_id);
create index dossier_reopen_profile_idx on public.dossier_reopen_requests (profile_id);
create index dossier_reopen_department_idx on public.dossier_reopen_requests (department_id);
create index dossier_reopen_decided_by_idx on public.dossier_reopen_requests (decided_by);
comment on table public.dossier_reopen_requests is 'Đề nghị sửa hồ sơ đã duyệt (seed 002 Điều 7.4): the owner asks, a BGH member grants or refuses. Never deleted.';
alter table public.dossier_reopen_requests enable row level security;
grant select on public.dossier_reopen_requests to authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger on public.dossier_reopen_requests from authenticated, anon, service_role;
create policy dossier_reopen_requests_select on public.dossier_reopen_requests for select to authenticated
  using (private.dossier_staff_reads(school_id, school_year_id, party, profile_id, department_id, union_group));
comment on policy dossier_reopen_requests_select on public.dossier_reopen_requests is 'Who reads the obligation as staff reads its reopen requests.';
create trigger dossier_reopen_no_delete before delete on public.dossier_reopen_requests
  for each row execute function private.freeze_dossier_rows();
select private.enable_audit('public.dossier_reopen_requests');

-- ───────────────────────────── the workflow ─────────────────────────────

-- The obligation for a write, locked (for update), with the refusals every write shares.
create function private.dossier_for_write(p_obligation_id uuid) returns public.dossier_obligations
language plpgsql volatile security definer set search_path = ''
as $$
declare
  o public.dossier_obligations;
begin
  select * into o from public.dossier_obligations where id = p_obligation_id for update;
  -- An obligation the caller does not read is "not found" (the service role, recording for a checked caller, reads all).
  if not found or (coalesce((select auth.role()), '') not in ('', 'service_role')
                   and not private.dossier_staff_reads(o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group)) then
    raise exception 'Không tìm thấy hồ sơ phải nộp này.' using errcode = '42501';
  end if;
  if private.dossier_locked(o) then
    raise exception 'Hồ sơ “%” đã bị khoá (Hiệu trưởng đã khoá hồ sơ của kỳ này): không nhận thêm gì.', o.label using errcode = '55000';
  end if;
  return o;
end $$;
revoke execute on function private.dossier_for_write(uuid) from public, anon, authenticated;

-- The obligation for a write by its responsible party (dossier_for_write, then "not your dossier").
create function private.dossier_for_submitter(p_obligation_id uuid, p_refusal text default 'Bạn không phải người nộp hồ sơ này.')
returns public.dossier_obligations
language plpgsql volatile security definer set search_path = ''
as $$
declare
  o public.dossier_obligations;
begin
  o := private.dossier_for_write(p_obligation_id);
  if not private.dossier_submitter(o) then
    raise exception '%', p_refusal using errcode = '42501';
  end if;
  return o;
end $$;
revoke execute on function private.dossier_for_submitter(uuid, text) from public, anon, authenticated;

-- A version by its id, or "not found".
create function private.dossier_version_row(p_version_id uuid) returns public.dossier_versions
language plpgsql stable security definer set search_path = ''
as $$
declare
  v public.dossier_versions;
begin
  select * into v from public.dossier_versions where id = p_version_id;
  -- A version the caller does not read is "not found", as one that does not exist.
  if not found or (coalesce((select auth.role()), '') not in ('', 'service_role')
                   and not private.dossier_staff_reads(v.school_id, v.school_year_id, v.party, v.profile_id, v.department_id, v.union_group)) then
    raise exception 'Không tìm thấy phiên bản hồ sơ này.' using errcode = '42501';
  end if;
  return v;
end $$;
revoke execute on function private.dossier_version_row(uuid) from public, anon, authenticated;

-- rpc/dossier_upload_check: before an upload is finalised, AS THE CALLER — may this person add a version to
-- this obligation now? Answers what the function checks the file against (types, size, signature).
create function public.dossier_upload_check(p_obligation_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  o public.dossier_obligations;
  i public.dossier_items;
begin
  o := private.dossier_for_submitter(p_obligation_id);
  if o.status = 'submitted' then
    raise exception 'Hồ sơ “%” đang chờ duyệt: chưa thể nộp phiên bản khác.', o.label using errcode = '55000';
  end if;
  if o.status = 'approved' then
    raise exception 'Hồ sơ “%” đã được duyệt: muốn thay đổi cần gửi đề nghị và được Ban giám hiệu cho phép.', o.label using errcode = '55000';
  end if;
  select * into i from public.dossier_items where id = o.item_id;
  return jsonb_build_object('obligation_id', o.id, 'school_id', o.school_id, 'label', o.label, 'item', i.name,
                            'accepted_types', to_jsonb(i.accepted_types), 'max_bytes', i.max_bytes,
                            'signature_required', i.signature_required, 'status', o.status,
                            'uploader', (select auth.uid()));
end $$;
revoke execute on function public.dossier_upload_check(uuid) from public, anon;
grant execute on function public.dossier_upload_check(uuid) to authenticated;

-- rpc/record_dossier_version (the `dossiers` function, service role, after dossier_upload_check accepted the
-- uploader and the file was checked): the next version, the obligation back to draft. The state is read
-- again under the row lock, so a submission or an approval that happened meanwhile wins.
create function public.record_dossier_version(p_obligation_id uuid, p_uploader uuid, p_file_name text, p_file_type text, p_content_type text,
                                              p_byte_size bigint, p_sha256 text, p_storage_path text, p_signature_kind text default null,
                                              p_signature_base64 text default null, p_signed_by uuid default null, p_signer_name text default null,
                                              p_certificate_serial text default null, p_signed_at timestamptz default null,
                                              p_signed_from uuid default null) returns public.dossier_versions
language plpgsql volatile security definer set search_path = ''
as $$
declare
  o public.dossier_obligations;
  v public.dossier_versions;
  up boolean;
begin
  o := private.dossier_for_write(p_obligation_id);
  if o.status in ('submitted', 'approved') then
    raise exception 'Hồ sơ “%” đã được nộp hoặc duyệt trong lúc tải lên: tệp không được lưu.', o.label using errcode = '55000';
  end if;
  select i.reported_up into up from public.dossier_items i where i.id = o.item_id;
  insert into public.dossier_versions (obligation_id, school_id, school_year_id, party, profile_id, department_id, union_group, reported_up,
                                       version, file_name, file_type, content_type, byte_size, sha256, storage_path, signature_kind,
                                       signature_base64, signed_by, signer_name, certificate_serial, signed_at, signed_from, uploaded_by)
  values (o.id, o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group, up,
          coalesce((select max(x.version) from public.dossier_versions x where x.obligation_id = o.id), 0) + 1,
          p_file_name, p_file_type, p_content_type, p_byte_size, p_sha256, p_storage_path, p_signature_kind,
          p_signature_base64, p_signed_by, p_signer_name, p_certificate_serial, p_signed_at, p_signed_from, p_uploader)
  returning * into v;
  update public.dossier_obligations set status = 'draft', current_version_id = v.id, updated_at = now() where id = o.id;
  insert into public.dossier_events (obligation_id, version_id, school_id, school_year_id, party, profile_id, department_id, union_group, kind, actor, comment)
  values (o.id, v.id, o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group,
          case when p_signed_from is not null then 'signed' else 'uploaded' end, p_uploader,
          case when p_signed_by is not null then 'Ký số: ' || coalesce(p_signer_name, '') end);
  return v;
end $$;
revoke execute on function public.record_dossier_version(uuid, uuid, text, text, text, bigint, text, text, text, text, uuid, text, text, timestamptz, uuid) from public, anon, authenticated;
grant execute on function public.record_dossier_version(uuid, uuid, text, text, text, bigint, text, text, text, text, uuid, text, text, timestamptz, uuid) to service_role;

-- rpc/dossier_sign_check: AS THE CALLER before the function signs a version with the caller's certificate —
-- the caller submits this obligation, the version is its current one and unsigned by them, and their
-- active certificate. Answers what the signing needs.
create function public.dossier_sign_check(p_version_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.dossier_versions;
  o public.dossier_obligations;
  c record;
begin
  v := private.dossier_version_row(p_version_id);
  o := private.dossier_for_submitter(v.obligation_id, 'Bạn không phải người nộp hồ sơ này: không thể ký.');
  if o.current_version_id is distinct from v.id or o.status not in ('draft', 'returned', 'reopened') then
    raise exception 'Chỉ ký được phiên bản mới nhất của hồ sơ chưa nộp.' using errcode = '55000';
  end if;
  if v.signed_by = (select auth.uid()) then
    raise exception 'Phiên bản này đã có chữ ký số của bạn.' using errcode = '55000';
  end if;
  select k.id, k.provider into c from public.certificates k
  where k.profile_id = (select auth.uid()) and k.kind = 'person' and k.status = 'active' and k.school_id = o.school_id
    and k.not_after > now()
  order by k.not_before desc limit 1;
  if not found then
    raise exception 'Bạn chưa có chứng thư số còn hiệu lực của trường: đề nghị Ban quản trị cấp chứng thư số (trang Ký số).' using errcode = '55000';
  end if;
  return jsonb_build_object('version_id', v.id, 'obligation_id', o.id, 'certificate_id', c.id, 'provider', c.provider,
                            'profile_id', (select auth.uid()), 'label', o.label, 'school_id', o.school_id,
                            'signer_name', (select p.full_name from public.profiles p where p.id = (select auth.uid())),
                            'school_name', (select u.name from public.org_units u where u.id = o.school_id));
end $$;
revoke execute on function public.dossier_sign_check(uuid) from public, anon;
grant execute on function public.dossier_sign_check(uuid) to authenticated;

-- rpc/submit_dossier: the current version for review (approved at once when the item has no reviewer).
create function public.submit_dossier(p_version_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.dossier_versions;
  o public.dossier_obligations;
  i public.dossier_items;
begin
  v := private.dossier_version_row(p_version_id);
  o := private.dossier_for_submitter(v.obligation_id);
  if o.current_version_id is distinct from v.id then
    raise exception 'Đã có phiên bản mới hơn của hồ sơ này: hãy nộp phiên bản mới nhất.' using errcode = '55000';
  end if;
  if o.status = 'submitted' then
    raise exception 'Hồ sơ “%” đã được nộp và đang chờ duyệt.', o.label using errcode = '55000';
  end if;
  if o.status = 'approved' then
    raise exception 'Hồ sơ “%” đã được duyệt.', o.label using errcode = '55000';
  end if;
  select * into i from public.dossier_items where id = o.item_id;
  if i.signature_required and v.signed_by is distinct from (select auth.uid()) then
    raise exception 'Hồ sơ “%” phải được ký số trước khi nộp: phiên bản % chưa có chữ ký số của bạn.', o.label, v.version using errcode = '55000';
  end if;
  update public.dossier_obligations
  set status = case when i.reviewer = 'none' then 'approved' else 'submitted' end,
      submitted_at = private.app_now(), first_submitted_at = coalesce(first_submitted_at, private.app_now()),
      decided_at = case when i.reviewer = 'none' then private.app_now() end, updated_at = now()
  where id = o.id;
  perform private.dossier_event(o, 'submitted', v.id, null);
  if i.reviewer = 'none' then
    perform private.dossier_event(o, 'approved', v.id, 'Hồ sơ không cần duyệt.');
  end if;
  return jsonb_build_object('obligation_id', o.id, 'version_id', v.id,
                            'status', case when i.reviewer = 'none' then 'approved' else 'submitted' end,
                            'late', coalesce(o.first_submitted_at, private.app_now()) > o.due_at);
end $$;
revoke execute on function public.submit_dossier(uuid) from public, anon;
grant execute on function public.submit_dossier(uuid) to authenticated;

-- Whether the caller reviews an obligation of an item: its reviewer, or BGH; never their own submission.
create function private.dossier_reviewer(o public.dossier_obligations, i public.dossier_items) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(o.profile_id is distinct from (select auth.uid())
     -- nobody reviews what they submitted, uploaded or signed themselves (a principal may submit a school
     -- file and review others')
     and not exists (select 1 from public.dossier_events e where e.obligation_id = o.id and e.version_id = o.current_version_id
                     and e.kind = 'submitted' and e.actor = (select auth.uid()))
     and not exists (select 1 from public.dossier_versions v join public.dossier_versions w on w.id in (v.id, v.signed_from)
                     where v.id = o.current_version_id and w.uploaded_by = (select auth.uid()))
     and case i.reviewer
           when 'principal' then private.dossier_bgh(o.school_year_id, true)
           when 'bgh' then private.dossier_bgh(o.school_year_id)
           when 'dept_head' then private.dossier_bgh(o.school_year_id)
                                 or (o.school_year_id, o.profile_id) in (select t.school_year_id, t.profile_id from private.my_department_teacher_ids() t)
           else false end, false)
$$;
revoke execute on function private.dossier_reviewer(public.dossier_obligations, public.dossier_items) from public, anon;
grant execute on function private.dossier_reviewer(public.dossier_obligations, public.dossier_items) to authenticated, service_role;

-- rpc/review_dossier: approve the submitted version, or return it with a comment bound to it.
create function public.review_dossier(p_version_id uuid, p_decision text, p_comment text default null) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.dossier_versions;
  o public.dossier_obligations;
  i public.dossier_items;
begin
  if p_decision is null or p_decision not in ('approve', 'return') then
    raise exception 'Quyết định phải là duyệt hoặc trả lại.' using errcode = '22023';
  end if;
  v := private.dossier_version_row(p_version_id);
  select * into o from public.dossier_obligations where id = v.obligation_id;
  select * into i from public.dossier_items where id = o.item_id;
  if not private.dossier_reviewer(o, i) then
    raise exception 'Bạn không phải người duyệt hồ sơ này.' using errcode = '42501';
  end if;
  o := private.dossier_for_write(v.obligation_id);
  if o.status <> 'submitted' or o.current_version_id is distinct from v.id then
    raise exception 'Phiên bản % của hồ sơ “%” không ở trạng thái chờ duyệt.', v.version, o.label using errcode = '55000';
  end if;
  if p_decision = 'return' and length(btrim(coalesce(p_comment, ''))) < 3 then
    raise exception 'Khi trả lại hồ sơ, hãy ghi nhận xét cho người nộp (điều cần sửa).' using errcode = '22023';
  end if;
  update public.dossier_obligations set status = case when p_decision = 'approve' then 'approved' else 'returned' end,
    decided_at = private.app_now(), updated_at = now() where id = o.id;
  perform private.dossier_event(o, case when p_decision = 'approve' then 'approved' else 'returned' end, v.id, nullif(btrim(p_comment), ''));
  return jsonb_build_object('obligation_id', o.id, 'version_id', v.id, 'status', case when p_decision = 'approve' then 'approved' else 'returned' end);
end $$;
revoke execute on function public.review_dossier(uuid, text, text) from public, anon;
grant execute on function public.review_dossier(uuid, text, text) to authenticated;

-- rpc/request_dossier_reopen: the submitter asks BGH to change an approved dossier.
create function public.request_dossier_reopen(p_obligation_id uuid, p_reason text) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  o public.dossier_obligations;
  r uuid;
begin
  o := private.dossier_for_submitter(p_obligation_id);
  if o.status <> 'approved' then
    raise exception 'Chỉ đề nghị sửa được hồ sơ đã duyệt; hồ sơ “%” chưa được duyệt.', o.label using errcode = '55000';
  end if;
  if length(btrim(coalesce(p_reason, ''))) < 5 then
    raise exception 'Hãy ghi lý do cần sửa hồ sơ (ít nhất 5 ký tự).' using errcode = '22023';
  end if;
  if exists (select 1 from public.dossier_reopen_requests q where q.obligation_id = o.id and q.status = 'pending') then
    raise exception 'Đã có đề nghị sửa hồ sơ này đang chờ Ban giám hiệu quyết định.' using errcode = '55000';
  end if;
  insert into public.dossier_reopen_requests (obligation_id, school_id, school_year_id, party, profile_id, department_id, union_group, requested_by, reason)
  values (o.id, o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group, (select auth.uid()), btrim(p_reason))
  returning id into r;
  perform private.dossier_event(o, 'reopen_requested', o.current_version_id, btrim(p_reason));
  return r;
end $$;
revoke execute on function public.request_dossier_reopen(uuid, text) from public, anon;
grant execute on function public.request_dossier_reopen(uuid, text) to authenticated;

-- rpc/decide_dossier_reopen: a BGH member grants (the dossier accepts a new version) or refuses.
create function public.decide_dossier_reopen(p_request_id uuid, p_grant boolean, p_note text default null) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  q public.dossier_reopen_requests;
  o public.dossier_obligations;
begin
  select * into q from public.dossier_reopen_requests where id = p_request_id for update;
  if not found or not private.dossier_bgh(q.school_year_id) then
    raise exception 'Chỉ Ban giám hiệu của trường quyết định đề nghị sửa hồ sơ đã duyệt.' using errcode = '42501';
  end if;
  if q.requested_by = (select auth.uid()) then
    raise exception 'Không thể tự quyết định đề nghị của chính mình.' using errcode = '42501';
  end if;
  if q.status <> 'pending' then
    raise exception 'Đề nghị này đã được quyết định.' using errcode = '55000';
  end if;
  if p_grant is null then
    raise exception 'Hãy chọn đồng ý hoặc không đồng ý.' using errcode = '22023';
  end if;
  if not p_grant and length(btrim(coalesce(p_note, ''))) < 3 then
    raise exception 'Khi không đồng ý, hãy ghi lý do cho người đề nghị.' using errcode = '22023';
  end if;
  o := private.dossier_for_write(q.obligation_id);
  update public.dossier_reopen_requests set status = case when p_grant then 'granted' else 'refused' end,
    decided_by = (select auth.uid()), decided_at = private.app_now(), decision_note = nullif(btrim(p_note), '') where id = q.id;
  if p_grant then
    update public.dossier_obligations set status = 'reopened', updated_at = now() where id = o.id;
  end if;
  perform private.dossier_event(o, case when p_grant then 'reopen_granted' else 'reopen_refused' end, o.current_version_id, nullif(btrim(p_note), ''));
  return jsonb_build_object('request_id', q.id, 'obligation_id', o.id, 'status', case when p_grant then 'granted' else 'refused' end);
end $$;
revoke execute on function public.decide_dossier_reopen(uuid, boolean, text) from public, anon;
grant execute on function public.decide_dossier_reopen(uuid, boolean, text) to authenticated;

-- rpc/lock_dossiers: the principal locks a semester's or the year's dossiers (never unlocked).
create function public.lock_dossiers(p_school_year_id uuid, p_semester smallint default null) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  y public.school_years;
  n int;
begin
  select * into y from public.school_years where id = p_school_year_id;
  if not found or not private.dossier_bgh(p_school_year_id, true) then
    raise exception 'Chỉ Hiệu trưởng khoá được hồ sơ điện tử của trường.' using errcode = '42501';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2.' using errcode = '22023';
  end if;
  if exists (select 1 from public.dossier_locks l where l.school_year_id = y.id and (l.semester is null or l.semester = p_semester)) then
    raise exception 'Hồ sơ % năm học % đã được khoá.', case when p_semester is null then 'cả' else 'học kỳ ' || p_semester || ' của' end, y.code
      using errcode = '55000';
  end if;
  insert into public.dossier_locks (school_id, school_year_id, semester, locked_by) values (y.school_id, y.id, p_semester, (select auth.uid()));
  select count(*) into n from public.dossier_obligations o where o.school_year_id = y.id and private.dossier_locked(o);
  return jsonb_build_object('school_year_id', y.id, 'semester', p_semester, 'locked', n);
end $$;
revoke execute on function public.lock_dossiers(uuid, smallint) from public, anon;
grant execute on function public.lock_dossiers(uuid, smallint) to authenticated;

-- ───────────────────────────── reads ─────────────────────────────

-- The party's display name of an obligation (as the caller may see it: a teacher's name only for staff).
create function private.dossier_party_name(o public.dossier_obligations) returns text
language sql stable security definer set search_path = ''
as $$
  select case o.party
    when 'teacher' then (select p.full_name from public.profiles p where p.id = o.profile_id)
    when 'homeroom' then (select p.full_name from public.profiles p where p.id = o.profile_id)
    when 'department' then (select d.name from public.departments d where d.id = o.department_id)
    when 'union_group' then public.dossier_label(o.union_group)
    else public.dossier_label(o.party) end
$$;
revoke execute on function private.dossier_party_name(public.dossier_obligations) from public, anon;
grant execute on function private.dossier_party_name(public.dossier_obligations) to authenticated, service_role;

-- rpc/dossier_list: the obligations the caller reads (RLS), with item, party, state and the current
-- version — for "Hồ sơ của tôi" (p_mine), the review queue (p_to_review), a school's table. Security
-- invoker: every row is one the caller reads in dossier_obligations; the party's name is shown to staff only.
create function public.dossier_list(p_school_year_id uuid default null, p_from date default null, p_to date default null,
                                    p_mine boolean default false, p_to_review boolean default false, p_status text default null,
                                    p_limit int default 200)
returns table (id uuid, school_id uuid, school_year_id uuid, item_id uuid, item_code text, item_name text, group_name text,
               party text, party_name text, label text, period_start date, period_end date, due_on date, due_at timestamptz,
               status text, overdue boolean, late boolean, locked boolean, signature_required boolean, reviewer text,
               accepted_types text[], max_bytes int, current_version_id uuid, current_version int, current_signed boolean,
               last_comment text, can_submit boolean, can_review boolean)
language sql stable security invoker set search_path = ''
as $$
  select o.id, o.school_id, o.school_year_id, o.item_id, i.code, i.name, g.name, o.party,
         case when private.dossier_staff_reads(o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group)
              then private.dossier_party_name(o) else public.dossier_label(o.party) end,
         o.label, o.period_start, o.period_end, o.due_on, o.due_at, o.status,
         o.status in ('missing', 'draft', 'returned', 'reopened') and public.app_today() > o.due_on,
         o.first_submitted_at > o.due_at,
         private.dossier_locked(o), i.signature_required, i.reviewer, i.accepted_types, i.max_bytes, o.current_version_id,
         v.version, v.signed_by is not null,
         (select e.comment from public.dossier_events e where e.obligation_id = o.id and e.kind in ('returned', 'reopen_refused', 'reopen_granted')
          order by e.id desc limit 1),
         private.dossier_submitter(o), o.status = 'submitted' and private.dossier_reviewer(o, i)
  from public.dossier_obligations o
  join public.dossier_items i on i.id = o.item_id
  join public.dossier_groups g on g.id = i.group_id
  left join public.dossier_versions v on v.id = o.current_version_id
  where (p_school_year_id is null or o.school_year_id = p_school_year_id)
    and (p_from is null or o.due_on >= p_from) and (p_to is null or o.period_start <= p_to)
    and (not p_mine or private.dossier_submitter(o))
    and (not p_to_review or (o.status = 'submitted' and private.dossier_reviewer(o, i)))
    and (p_status is null or o.status = p_status)
  order by o.due_on, g.sort_order, i.sort_order, o.label
  limit least(greatest(p_limit, 1), 2000)
$$;
revoke execute on function public.dossier_list(uuid, date, date, boolean, boolean, text, int) from public, anon;
grant execute on function public.dossier_list(uuid, date, date, boolean, boolean, text, int) to authenticated;

-- rpc/dossier_compliance: items × parties of a school year up to a day (default today) — how many periods
-- were due, approved, submitted, returned, missing (overdue), late. Security invoker (RLS decides the rows).
create function public.dossier_compliance(p_school_year_id uuid, p_until date default null)
returns table (item_id uuid, item_name text, group_name text, party text, party_key text, party_name text, due int, approved int,
               submitted int, returned int, missing int, late int)
language sql stable security invoker set search_path = ''
as $$
  select i.id, i.name, g.name, o.party, coalesce(o.profile_id::text, o.department_id::text, o.union_group, o.party),
         min(case when private.dossier_staff_reads(o.school_id, o.school_year_id, o.party, o.profile_id, o.department_id, o.union_group)
                  then private.dossier_party_name(o) else public.dossier_label(o.party) end),
         count(*)::int,
         count(*) filter (where o.status = 'approved')::int,
         count(*) filter (where o.status = 'submitted')::int,
         count(*) filter (where o.status = 'returned')::int,
         count(*) filter (where o.status in ('missing', 'draft', 'reopened'))::int,
         count(*) filter (where o.first_submitted_at > o.due_at)::int
  from public.dossier_obligations o
  join public.dossier_items i on i.id = o.item_id
  join public.dossier_groups g on g.id = i.group_id
  where o.school_year_id = p_school_year_id and o.due_on < coalesce(p_until, public.app_today())
  group by i.id, i.name, g.name, g.sort_order, i.sort_order, o.party, 5
  order by g.sort_order, i.sort_order, 6
$$;
revoke execute on function public.dossier_compliance(uuid, date) from public, anon;
grant execute on function public.dossier_compliance(uuid, date) to authenticated;

-- A school's name, office and the year's code, for the rows of dossier_obligations a caller reads (an
-- officer reads the obligations of its schools, not necessarily their school_years rows).
create function private.dossier_school_of(p_school_id uuid, p_school_year_id uuid) returns table (name text, parent_id uuid, year_code text)
language sql stable security definer set search_path = ''
as $$
  select u.name, u.parent_id, y.code from public.org_units u join public.school_years y on y.id = p_school_year_id and y.school_id = u.id
  where u.id = p_school_id
$$;
revoke execute on function private.dossier_school_of(uuid, uuid) from public, anon;
grant execute on function private.dossier_school_of(uuid, uuid) to authenticated, service_role;

-- rpc/dossier_school_compliance: per school the caller reads (an office: its schools; staff: their school),
-- its current year's counts of obligations due by today. Security invoker.
create function public.dossier_school_compliance()
returns table (school_id uuid, school_name text, parent_id uuid, school_year_id uuid, year_code text, due int, approved int,
               submitted int, returned int, missing int, late int, share_done numeric)
language sql stable security invoker set search_path = ''
as $$
  select o.school_id, min(u.name), min(u.parent_id::text)::uuid, o.school_year_id, min(u.year_code), count(*)::int,
         count(*) filter (where o.status = 'approved')::int,
         count(*) filter (where o.status = 'submitted')::int,
         count(*) filter (where o.status = 'returned')::int,
         count(*) filter (where o.status in ('missing', 'draft', 'reopened'))::int,
         count(*) filter (where o.first_submitted_at > o.due_at)::int,
         round(100.0 * count(*) filter (where o.status in ('approved', 'submitted')) / greatest(count(*), 1), 1)
  from public.dossier_obligations o
  cross join lateral private.dossier_school_of(o.school_id, o.school_year_id) u
  where o.due_on < public.app_today() and o.school_year_id in (select private.current_school_year_ids())
  group by o.school_id, o.school_year_id
  order by 2
$$;
revoke execute on function public.dossier_school_compliance() from public, anon;
grant execute on function public.dossier_school_compliance() to authenticated;

-- ───────────────────────────── check rounds (biên bản kiểm tra over dossiers) ─────────────────────────────
alter table public.inspections
  add column scope text not null default 'gradebook' check (scope in ('gradebook', 'dossiers')),
  add column department_id uuid references public.departments (id) on delete restrict,
  add column period_start date,
  add column period_end date,
  add column details jsonb,
  alter column teacher_id drop not null,
  drop constraint inspections_kind_check,
  add constraint inspections_kind_check check (kind in ('periodic', 'ad_hoc', 'monthly', 'weekly')),
  add constraint inspections_scope_teacher check (scope = 'dossiers' or teacher_id is not null);
create index inspections_department_idx on public.inspections (department_id);
comment on column public.inspections.scope is 'gradebook: a teacher''s entries; dossiers: a weekly or monthly round over the electronic dossiers of the school or a department (details: the missing, late and returned items).';

-- (20261122003209's version, with the dossier scope.)
create or replace function private.check_inspection() returns trigger
language plpgsql security definer set search_path = ''
as $$ begin
  if tg_op <> 'INSERT' then
    raise exception 'Biên bản kiểm tra là hồ sơ: không được sửa hay xoá' using errcode = '42501';
  end if;
  -- As 20261122003209: someone who is not staff of the year gets the refusal RLS gives, before any check.
  perform private.refuse_unless_staff_of_year(new.school_year_id, tg_table_name);
  if new.scope = 'gradebook' and not exists (
       select 1 from public.memberships m where m.profile_id = new.teacher_id and m.school_year_id = new.school_year_id
       and m.role = any (private.school_staff_roles())) then
    raise exception 'Người được kiểm tra không thuộc trường trong năm học này' using errcode = '22023';
  end if;
  if new.scope = 'dossiers' and current_setting('sdt.dossier_check', true) is distinct from 'on' then
    raise exception 'Biên bản kiểm tra hồ sơ điện tử được lập từ bảng theo dõi hồ sơ.' using errcode = '42501';
  end if;
  return new;
end $$;

drop policy inspections_select on public.inspections;
create policy inspections_select on public.inspections for select to authenticated
  using (school_year_id in (select private.my_year_ids('{principal,vice_principal,admin_board}'))
         or checked_by = (select auth.uid()) or teacher_id = (select auth.uid())
         or (school_year_id, teacher_id) in (select d.school_year_id, d.profile_id from private.my_department_teacher_ids() d)
         or (department_id, school_year_id) in (select h.department_id, h.school_year_id from private.my_headed_departments() h));
comment on policy inspections_select on public.inspections is
  'BGH and the admin board read the school''s checks; the checker and the checked teacher theirs; a Tổ trưởng those of their department (its teachers'' and its dossier rounds).';

-- rpc/record_dossier_check: a weekly or monthly check round over the dossiers due in the week or month of
-- p_on (default today) — the school's (BGH) or a department's (BGH, its head: its own and its teachers'
-- dossiers) — recorded as a biên bản kiểm tra listing the missing, late and returned items, with the
-- checker's conclusion and follow-up. Answers the inspection's id.
create function public.record_dossier_check(p_school_year_id uuid, p_kind text, p_on date default null, p_department_id uuid default null,
                                            p_conclusion text default null, p_follow_up text default null) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  y public.school_years;
  d date := coalesce(p_on, public.app_today());
  s date;
  e date;
  rows jsonb;
  t record;
  id uuid;
begin
  select * into y from public.school_years where school_years.id = p_school_year_id;
  if not found or not coalesce(private.dossier_bgh(p_school_year_id)
                               or (p_department_id, p_school_year_id) in (select h.department_id, h.school_year_id from private.my_headed_departments() h), false) then
    raise exception 'Chỉ Ban giám hiệu (cả trường) hoặc Tổ trưởng (tổ của mình) lập biên bản kiểm tra hồ sơ.' using errcode = '42501';
  end if;
  if p_kind is null or p_kind not in ('weekly', 'monthly') then
    raise exception 'Kỳ kiểm tra phải là hằng tuần hoặc hằng tháng.' using errcode = '22023';
  end if;
  s := case when p_kind = 'weekly' then date_trunc('week', d)::date else date_trunc('month', d)::date end;
  e := case when p_kind = 'weekly' then s + 6 else (s + interval '1 month - 1 day')::date end;
  with scope as (
    select o.id, o.label, o.due_on, o.status, o.first_submitted_at, o.due_at, i.name as item_name, private.dossier_party_name(o) as party_name
    from public.dossier_obligations o join public.dossier_items i on i.id = o.item_id
    where o.school_year_id = y.id and o.due_on between s and e and o.due_on < greatest(public.app_today(), d + 1)
      and (p_department_id is null or o.department_id = p_department_id
           or o.profile_id in (select m.profile_id from public.department_members m where m.department_id = p_department_id and m.school_year_id = y.id))
  )
  select jsonb_build_object(
           'total', count(*),
           'approved', count(*) filter (where x.status = 'approved'),
           'submitted', count(*) filter (where x.status = 'submitted'),
           'items', coalesce(jsonb_agg(jsonb_build_object(
              'obligation_id', x.id, 'item', x.item_name, 'party', x.party_name, 'label', x.label, 'due_on', x.due_on,
              'finding', case when x.status = 'returned' then 'returned'
                              when x.status in ('missing', 'draft', 'reopened') then 'missing' else 'late' end)
              order by x.due_on, x.item_name)
              filter (where x.status in ('missing', 'draft', 'reopened', 'returned') or x.first_submitted_at > x.due_at), '[]'))
  into rows
  from scope x;
  select count(*) filter (where i->>'finding' = 'missing') as missing, count(*) filter (where i->>'finding' = 'late') as late,
         count(*) filter (where i->>'finding' = 'returned') as returned
  into t from jsonb_array_elements(rows->'items') i;
  perform set_config('sdt.dossier_check', 'on', true);
  insert into public.inspections (school_id, school_year_id, checked_by, checked_on, kind, scope, department_id, period_start, period_end,
                                  findings, follow_up, details)
  values (y.school_id, y.id, (select auth.uid()), public.app_today(), p_kind, 'dossiers', p_department_id, s, e,
          format('Kiểm tra hồ sơ điện tử %s %s–%s%s: %s hồ sơ đến hạn; đã duyệt %s, chờ duyệt %s; chưa nộp %s, nộp muộn %s, bị trả lại %s.%s',
                 case when p_kind = 'weekly' then 'tuần' else 'tháng' end, to_char(s, 'DD/MM/YYYY'), to_char(e, 'DD/MM/YYYY'),
                 coalesce(' — ' || (select dp.name from public.departments dp where dp.id = p_department_id), ''),
                 rows->>'total', rows->>'approved', rows->>'submitted', t.missing, t.late, t.returned,
                 coalesce(' ' || nullif(btrim(p_conclusion), ''), '')),
          nullif(btrim(p_follow_up), ''), rows)
  returning inspections.id into id;
  perform set_config('sdt.dossier_check', 'off', true);
  return id;
end $$;
revoke execute on function public.record_dossier_check(uuid, text, date, uuid, text, text) from public, anon;
grant execute on function public.record_dossier_check(uuid, text, date, uuid, text, text) to authenticated;

-- ───────────────────────────── files ─────────────────────────────
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('dossiers', 'dossiers', false, 52428800, array[
  'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.text', 'image/png', 'image/jpeg'])
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

-- A person uploads only into incoming/<their id>/; nobody reads the bucket directly (downloads are signed
-- links the `dossiers` function makes for a version the caller reads).
create policy dossiers_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'dossiers' and (storage.foldername(name))[1] = 'incoming' and (storage.foldername(name))[2] = (select auth.uid())::text);
comment on policy dossiers_insert on storage.objects is 'A dossier upload goes into the uploader''s own incoming folder; the dossiers function finalises or removes it.';

create or replace function private.freeze_documents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' and old.bucket_id in ('documents', 'signed-documents') then
    raise exception 'Văn bản đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  if tg_op <> 'INSERT' and old.bucket_id in ('dossiers', 'dossier-packages')
     and (old.bucket_id = 'dossier-packages' or exists (select 1 from public.dossier_versions v where v.storage_path = old.name)) then
    raise exception 'Hồ sơ điện tử đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

-- ───────────────────────────── the year-end package ─────────────────────────────
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('dossier-packages', 'dossier-packages', false, 209715200, '{application/zip,application/json}')
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

create table public.dossier_packages (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  job_id uuid references public.jobs (id) on delete restrict,
  status text not null default 'building' check (status in ('building', 'done', 'failed')),
  files int not null default 0,
  parts int not null default 0,
  byte_size bigint not null default 0,
  manifest_path text,
  manifest_sha256 text,
  created_by uuid not null references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
create index dossier_packages_school_idx on public.dossier_packages (school_id, school_year_id);
create index dossier_packages_job_idx on public.dossier_packages (job_id);
create index dossier_packages_year_idx on public.dossier_packages (school_year_id);
create index dossier_packages_created_by_idx on public.dossier_packages (created_by);
comment on table public.dossier_packages is 'Gói lưu trữ hồ sơ điện tử cuối năm: the year''s dossier files in zip parts and a manifest of their sha256, built by the jobs worker, never overwritten.';
alter table public.dossier_packages enable row level security;
grant select on public.dossier_packages to authenticated;
grant select, insert, update on public.dossier_packages to service_role;
revoke delete, truncate, references, trigger on public.dossier_packages from authenticated, anon, service_role;
create policy dossier_packages_select on public.dossier_packages for select to authenticated
  using (school_id in (select private.my_school_ids('{principal,vice_principal,admin_board}')));
comment on policy dossier_packages_select on public.dossier_packages is 'BGH and the admin board (who read every dossier of the school) see its year-end packages.';
create trigger dossier_packages_no_delete before delete on public.dossier_packages for each row execute function private.freeze_dossier_rows();

alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check check (kind in ('print_class', 'print_gradebook', 'sign_prepare', 'dossier_package'));

-- rpc/start_dossier_package: the principal or the admin board (who read every file of the school) packs a school year's dossiers —
-- every version's file — into zip parts of at most 40 files (one job step each) and a manifest (the last step).
create function public.start_dossier_package(p_school_year_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  y public.school_years;
  pkg uuid;
  job uuid;
  n int;
  per_step constant int := 40;
  steps int;
begin
  select * into y from public.school_years where id = p_school_year_id;
  if not found or p_school_year_id not in (select private.my_year_ids('{principal,admin_board}')) then
    raise exception 'Chỉ Hiệu trưởng hoặc Ban quản trị lập gói lưu trữ hồ sơ của trường (gói chứa mọi hồ sơ cá nhân).' using errcode = '42501';
  end if;
  select count(*) into n from public.dossier_versions v where v.school_year_id = y.id;
  if n = 0 then
    raise exception 'Năm học % chưa có hồ sơ điện tử nào để lưu trữ.', y.code using errcode = '22023';
  end if;
  steps := ceil(n::numeric / per_step)::int + 1;
  insert into public.dossier_packages (school_id, school_year_id, files, parts, created_by)
  values (y.school_id, y.id, n, steps - 1, (select auth.uid())) returning id into pkg;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (y.school_id, 'dossier_package', jsonb_build_object('package_id', pkg, 'school_year_id', y.id),
          'Gói lưu trữ hồ sơ điện tử năm học ' || y.code, (select auth.uid()), steps)
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, y.school_id, g, case when g = steps then jsonb_build_object('package_id', pkg, 'manifest', true)
                                   else jsonb_build_object('package_id', pkg, 'part', g, 'offset', (g - 1) * per_step, 'limit', per_step) end
  from generate_series(1, steps) g;
  update public.dossier_packages set job_id = job where id = pkg;
  return jsonb_build_object('package_id', pkg, 'job_id', job, 'files', n, 'steps', steps);
end $$;
revoke execute on function public.start_dossier_package(uuid) from public, anon;
grant execute on function public.start_dossier_package(uuid) to authenticated;

-- rpc/my_dossier_tasks: what waits for the caller in the dossiers this school year, for the start page —
-- their own due within 7 days, overdue and returned; submissions they review; reopen requests they decide
-- (BGH). Security invoker: counted over the obligations the caller reads.
create function public.my_dossier_tasks() returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'due_soon', count(*) filter (where o.status in ('missing', 'draft', 'reopened') and o.due_on between public.app_today() and public.app_today() + 7
                                   and private.dossier_submitter(o)),
    'overdue', count(*) filter (where o.status in ('missing', 'draft', 'reopened') and o.due_on < public.app_today() and private.dossier_submitter(o)),
    'returned', count(*) filter (where o.status = 'returned' and private.dossier_submitter(o)),
    'to_review', count(*) filter (where o.status = 'submitted' and private.dossier_reviewer(o, i)),
    'reopen_requests', (select count(*) from public.dossier_reopen_requests q where q.status = 'pending' and private.dossier_bgh(q.school_year_id)
                          and q.requested_by is distinct from (select auth.uid())))
  from public.dossier_obligations o join public.dossier_items i on i.id = o.item_id
  where o.school_year_id in (select private.current_school_year_ids())
$$;
revoke execute on function public.my_dossier_tasks() from public, anon;
grant execute on function public.my_dossier_tasks() to authenticated;
