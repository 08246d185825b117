-- Digital signatures (issue 15): certificates, the signing window, and the procedure — subject teachers
-- sign their subject for every student's year file of a class, the GVCN signs the class, the principal
-- signs last, the clerk adds the school's (organisation) signature — as a state machine enforced here,
-- whatever the client. The cryptography runs in the `sign` edge function (_shared/signing/); what it may do
-- is decided by the RPCs below, called AS THE CALLER, and every signature it records passes the checks of
-- private.check_signature (order, revision, certificate, window).
--
-- The signed unit is one archived transcript year (document_versions of kind transcript_year). Each
-- signature is an incremental update: revision n of a version's file is revision n-1 plus one signature,
-- stored whole in the private bucket `signed-documents`; revisions are numbered 1, 2, … per version and
-- a signature computed over a revision that has since changed fails its insert (unique (version,
-- revision)) and is redone. A correction makes a new version (issue 14): it starts unsigned, and its
-- signers sign it again; no other file changes.

-- The audit trigger skips rows that belong to no school (only the CA's root and TSA certificates): the
-- same function as 20261122001300_audit_read_scope.sql with that one filter.
create or replace function private.audit_statement() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  g record;
  chain record;
  entry public.audit_log;
  has_year boolean := exists (
    select 1 from pg_attribute a where a.attrelid = tg_relid and a.attname = 'school_year_id' and not a.attisdropped);
  nil constant uuid := '00000000-0000-0000-0000-000000000000';
  key_column constant text := coalesce(tg_argv[0], 'id');
  -- The column naming the student a row is about, if any.
  student_column constant text := case
    when tg_table_name = 'students' then 'id'
    when exists (select 1 from pg_attribute a where a.attrelid = tg_relid and a.attname = 'student_id' and not a.attisdropped)
      then 'student_id'
  end;
  olds jsonb := '[]';
  news jsonb := '[]';
begin
  -- Each transition table exists only for its own events, so each is read only in its branch.
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(jsonb_agg(to_jsonb(t)), '[]') into olds from old_rows t;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    select coalesce(jsonb_agg(to_jsonb(t)), '[]') into news from new_rows t;
  end if;
  for g in
    with o as (
      select j from jsonb_array_elements(olds) j
    ), n as (
      select j from jsonb_array_elements(news) j
    ), pairs as (
      select coalesce(n.j, o.j) as k, o.j as old_j, n.j as new_j
      from o full join n on (o.j ->> key_column) = (n.j ->> key_column)
    )
    select (k ->> 'school_id')::uuid as school_id,
           case when has_year then (k ->> 'school_year_id')::uuid end as school_year_id,
           array_agg(k ->> key_column order by k ->> key_column) as keys,
           jsonb_agg(old_j order by k ->> key_column) filter (where old_j is not null) as olds,
           jsonb_agg(new_j order by k ->> key_column) filter (where new_j is not null) as news,
           -- Old and new student of each row (an update may move a row to another student).
           array_agg((old_j ->> student_column)::uuid) || array_agg((new_j ->> student_column)::uuid) as students
    from pairs
    -- Rows of no school (the local CA's root and timestamp authority: system, not school data) have no chain.
    where (k ->> 'school_id') is not null
    group by 1, 2
  loop
    insert into public.audit_chains as c (school_id, school_year_key, last_seq)
    values (g.school_id, coalesce(g.school_year_id, nil), 0)
    on conflict (school_id, school_year_key) do nothing;
    -- Row lock on the chain head: writers of one chain take turns, other chains run in parallel.
    select * into chain from public.audit_chains c
    where c.school_id = g.school_id and c.school_year_key = coalesce(g.school_year_id, nil)
    for update;
    entry.school_id := g.school_id;
    entry.school_year_id := g.school_year_id;
    entry.seq := chain.last_seq + 1;
    entry.occurred_at := clock_timestamp();
    entry.actor_id := (select auth.uid());
    entry.actor_role := coalesce((select auth.role()), session_user::text);
    entry.table_name := tg_table_name;
    entry.action := lower(tg_op);
    entry.row_keys := g.keys;
    entry.old_rows := g.olds;
    entry.new_rows := g.news;
    entry.prev_hash := chain.last_hash;
    entry.hash := private.audit_hash(chain.last_hash, private.audit_content(entry));
    entry.student_ids := case when student_column is not null then
      (select coalesce(array_agg(distinct s order by s), '{}') from unnest(g.students) s where s is not null) end;
    insert into public.audit_log (school_id, school_year_id, seq, occurred_at, actor_id, actor_role, table_name,
                                  action, row_keys, old_rows, new_rows, prev_hash, hash, student_ids)
    values (entry.school_id, entry.school_year_id, entry.seq, entry.occurred_at, entry.actor_id, entry.actor_role,
            entry.table_name, entry.action, entry.row_keys, entry.old_rows, entry.new_rows, entry.prev_hash, entry.hash,
            entry.student_ids);
    update public.audit_chains c set last_seq = entry.seq, last_hash = entry.hash
    where c.school_id = g.school_id and c.school_year_key = coalesce(g.school_year_id, nil);
  end loop;
  return null;
end
$$;


create type public.certificate_kind as enum ('root', 'school_ca', 'tsa', 'person', 'organisation');
create type public.certificate_status as enum ('active', 'revoked');
create type public.signer_role as enum ('subject', 'homeroom', 'principal', 'organisation');

-- ───────────────────────────── certificates ─────────────────────────────

create table public.certificates (
  id uuid primary key default gen_random_uuid(),
  kind public.certificate_kind not null,
  school_id uuid references public.org_units (id) on delete restrict,
  profile_id uuid references public.profiles (id) on delete restrict,
  issuer_id uuid references public.certificates (id) on delete restrict,
  -- 'local': the development CA of the stack (keys sealed in certificate_keys); 'remote': a licensed CA's
  -- signing service holds the key (README, "Chữ ký số").
  provider text not null default 'local' check (provider in ('local', 'remote')),
  serial text not null unique check (serial ~ '^[0-9a-f]+$'),
  subject text not null,
  not_before timestamptz not null,
  not_after timestamptz not null check (not_after > not_before),
  -- The certificate itself, DER in base64: public (every signed PDF carries it).
  der_base64 text not null,
  status public.certificate_status not null default 'active',
  revoked_at timestamptz,
  revoked_by uuid references public.profiles (id) on delete restrict,
  revocation_reason text,
  issued_by uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'person') = (profile_id is not null)),
  check ((kind in ('root', 'tsa')) = (school_id is null)),
  check ((status = 'revoked') = (revoked_at is not null)),
  check (status = 'active' or revocation_reason is not null)
);
create unique index certificates_one_person on public.certificates (profile_id) where kind = 'person' and status = 'active';
create unique index certificates_one_organisation on public.certificates (school_id) where kind = 'organisation' and status = 'active';
create unique index certificates_one_school_ca on public.certificates (school_id) where kind = 'school_ca' and status = 'active';
create unique index certificates_one_anchor on public.certificates (kind) where kind in ('root', 'tsa') and status = 'active';
create index certificates_school_idx on public.certificates (school_id);
create index certificates_issuer_idx on public.certificates (issuer_id);
create index certificates_revoked_by_idx on public.certificates (revoked_by);
create index certificates_issued_by_idx on public.certificates (issued_by);
comment on table public.certificates is
  'Signing certificates: the local CA''s root, school CAs and TSA, each staff member''s and each school''s (organisation). '
  'Written only by the sign function (service role) after an RPC accepted the caller; revoked by the admin board.';

alter table public.certificates enable row level security;
grant select on public.certificates to authenticated;
grant select, insert, update on public.certificates to service_role;
create policy certificates_select on public.certificates for select to authenticated
  using (kind in ('root', 'school_ca', 'tsa')
         or profile_id = (select auth.uid())
         or school_id in (select private.my_school_ids(private.school_staff_roles())));
comment on policy certificates_select on public.certificates is
  'Trust anchors (root, school CAs, TSA) for everyone signed in; a person''s and the school''s certificates for the school''s staff and the person.';

create function private.check_certificate() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'Chứng thư số không được xoá; thu hồi nếu không còn dùng' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' and ((to_jsonb(new) - '{status,revoked_at,revoked_by,revocation_reason,updated_at}'::text[])
                           is distinct from (to_jsonb(old) - '{status,revoked_at,revoked_by,revocation_reason,updated_at}'::text[])
                           or old.status = 'revoked') then
    raise exception 'Chứng thư số không được sửa; chỉ thu hồi được chứng thư đang hiệu lực' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger certificates_check before update or delete on public.certificates
  for each row execute function private.check_certificate();
select private.enable_audit('public.certificates');

-- The private keys of the local CA, sealed by the sign function (AES-GCM under a key derived from the
-- environment's SIGNING_MASTER_KEY — never in the database or its backups — and, for a person's or the
-- school's key, the holder's signing PIN). No API role reads this table; the service role only through
-- the sign function.
create table public.certificate_keys (
  certificate_id uuid primary key references public.certificates (id) on delete restrict,
  sealed text not null,
  pin_protected boolean not null,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);
comment on table public.certificate_keys is
  'Sealed private keys of the local CA (development, tests, demo). Read by no user: the sign function (service role) opens them with the environment''s master key and the holder''s PIN.';
alter table public.certificate_keys enable row level security;
revoke all on public.certificate_keys from anon, authenticated;
grant select, insert, update on public.certificate_keys to service_role;

-- A certificate requested by the admin board for a staff member (or for the school: its organisation
-- certificate, activated by a clerk); the holder activates it by setting their PIN (sign function).
create table public.certificate_requests (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  kind public.certificate_kind not null check (kind in ('person', 'organisation')),
  profile_id uuid references public.profiles (id) on delete restrict,
  requested_by uuid not null references public.profiles (id) on delete restrict,
  status text not null default 'pending' check (status in ('pending', 'issued', 'cancelled')),
  certificate_id uuid references public.certificates (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'person') = (profile_id is not null)),
  check ((status = 'issued') = (certificate_id is not null))
);
create unique index certificate_requests_one_pending on public.certificate_requests (school_id, kind, coalesce(profile_id, school_id)) where status = 'pending';
create index certificate_requests_profile_idx on public.certificate_requests (profile_id);
create index certificate_requests_requested_by_idx on public.certificate_requests (requested_by);
create index certificate_requests_certificate_idx on public.certificate_requests (certificate_id);
alter table public.certificate_requests enable row level security;
grant select on public.certificate_requests to authenticated;
grant select, insert, update on public.certificate_requests to service_role;
create policy certificate_requests_select on public.certificate_requests for select to authenticated
  using (profile_id = (select auth.uid())
         or school_id in (select private.my_school_ids('{admin_board,principal,vice_principal}'))
         or (kind = 'organisation' and school_id in (select private.my_school_ids('{clerk}'))));
comment on policy certificate_requests_select on public.certificate_requests is
  'The person asked for; the admin board and BGH of the school; the school''s clerks for the school''s own certificate.';
select private.enable_audit('public.certificate_requests');

/** The admin board asks for a certificate: a staff member's (p_profile_id) or the school's (organisation). */
create function public.request_certificate(p_school_id uuid, p_profile_id uuid default null) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  id uuid;
  who text;
begin
  if p_school_id is null or not (p_school_id in (select private.my_school_ids('{admin_board}'))) then
    raise exception 'Chỉ Ban quản trị của trường cấp chứng thư số.' using errcode = '42501';
  end if;
  if p_profile_id is not null then
    select private.profile_name(p_profile_id) into who;
    if not exists (select 1 from public.memberships m where m.profile_id = p_profile_id and m.org_unit_id = p_school_id
                     and m.role = any (private.school_staff_roles())
                     and m.school_year_id = private.current_school_year_id(p_school_id)) then
      raise exception 'Người này không phải cán bộ, giáo viên của trường trong năm học hiện tại.' using errcode = '22023';
    end if;
    if exists (select 1 from public.certificates c where c.profile_id = p_profile_id and c.kind = 'person' and c.status = 'active') then
      raise exception '% đã có chứng thư số đang hiệu lực; thu hồi chứng thư đó trước khi cấp mới.', who using errcode = '22023';
    end if;
  elsif exists (select 1 from public.certificates c where c.school_id = p_school_id and c.kind = 'organisation' and c.status = 'active') then
    raise exception 'Trường đã có chứng thư số tổ chức đang hiệu lực; thu hồi chứng thư đó trước khi cấp mới.' using errcode = '22023';
  end if;
  if exists (select 1 from public.certificate_requests r where r.school_id = p_school_id and r.status = 'pending'
               and r.profile_id is not distinct from p_profile_id) then
    raise exception 'Đã có yêu cầu cấp chứng thư đang chờ người nhận đặt mã PIN.' using errcode = '22023';
  end if;
  insert into public.certificate_requests (school_id, kind, profile_id, requested_by)
  values (p_school_id, case when p_profile_id is null then 'organisation' else 'person' end::public.certificate_kind, p_profile_id, (select auth.uid()))
  returning certificate_requests.id into id;
  return id;
end $$;
revoke execute on function public.request_certificate(uuid, uuid) from public, anon;
grant execute on function public.request_certificate(uuid, uuid) to authenticated;

/**
 * The holder's side of a request, before the sign function issues the certificate: the request is the
 * caller's (or, for the school's certificate, the caller is a clerk of the school) and still pending.
 * Returns what the certificate names. Called AS THE CALLER by the function.
 */
create function public.certificate_activation(p_request_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  r public.certificate_requests;
begin
  select * into r from public.certificate_requests where id = p_request_id;
  if not found or not (r.profile_id = (select auth.uid())
                       or (r.kind = 'organisation' and r.school_id in (select private.my_school_ids('{clerk}')))) then
    raise exception 'Không có yêu cầu cấp chứng thư số này cho bạn.' using errcode = '42501';
  end if;
  if r.status <> 'pending' then
    raise exception 'Yêu cầu này đã được xử lý.' using errcode = '22023';
  end if;
  return jsonb_build_object(
    'request_id', r.id, 'kind', r.kind, 'school_id', r.school_id, 'profile_id', r.profile_id,
    'school', (select o.name from public.org_units o where o.id = r.school_id),
    'parent', (select p.name from public.org_units o join public.org_units p on p.id = o.parent_id where o.id = r.school_id),
    'holder', case when r.profile_id is null then (select o.name from public.org_units o where o.id = r.school_id) else private.profile_name(r.profile_id) end,
    'email', (select p.email from public.profiles p where p.id = r.profile_id),
    'actor', (select auth.uid()));
end $$;
revoke execute on function public.certificate_activation(uuid) from public, anon;
grant execute on function public.certificate_activation(uuid) to authenticated;

/** The admin board revokes a person's or the school's certificate (a forgotten PIN, a person leaving). */
create function public.revoke_certificate(p_certificate_id uuid, p_reason text) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  c public.certificates;
begin
  select * into c from public.certificates where id = p_certificate_id;
  if not found or c.kind not in ('person', 'organisation') or not (c.school_id in (select private.my_school_ids('{admin_board}'))) then
    raise exception 'Chỉ Ban quản trị của trường thu hồi chứng thư số của trường.' using errcode = '42501';
  end if;
  if c.status = 'revoked' then
    raise exception 'Chứng thư số này đã bị thu hồi.' using errcode = '22023';
  end if;
  if coalesce(btrim(p_reason), '') = '' then
    raise exception 'Cần ghi lý do thu hồi.' using errcode = '22023';
  end if;
  update public.certificates set status = 'revoked', revoked_at = now(), revoked_by = (select auth.uid()),
    revocation_reason = btrim(p_reason), updated_at = now()
  where id = p_certificate_id;
end $$;
revoke execute on function public.revoke_certificate(uuid, text) from public, anon;
grant execute on function public.revoke_certificate(uuid, text) to authenticated;

-- ───────────────────────────── the window ─────────────────────────────

create table public.signing_windows (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null references public.school_years (id) on delete restrict,
  class_id uuid not null unique references public.classes (id) on delete restrict,
  opens_on date not null,
  closes_on date not null check (closes_on >= opens_on),
  -- Whether the GVCN signs only after every subject teacher (the seeds fix only the principal's place:
  -- the principal decides, per window).
  homeroom_after_teachers boolean not null default false,
  opened_by uuid not null references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index signing_windows_school_idx on public.signing_windows (school_id, school_year_id);
create index signing_windows_year_idx on public.signing_windows (school_year_id);
create index signing_windows_opened_by_idx on public.signing_windows (opened_by);
alter table public.signing_windows enable row level security;
grant select on public.signing_windows to authenticated;
create policy signing_windows_select on public.signing_windows for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_staff_roles())));
comment on policy signing_windows_select on public.signing_windows is 'The signing windows of the school, for its staff.';
select private.enable_audit('public.signing_windows');

/**
 * The principal opens (or moves) the signing window of a class: only for a year whose class gradebook is
 * locked (the transcripts are final and archived), within dates the principal sets.
 */
create function public.open_signing_window(p_class_id uuid, p_opens_on date, p_closes_on date, p_homeroom_after_teachers boolean default false) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  c record;
  id uuid;
begin
  select k.id, k.name, k.school_id, k.school_year_id, y.code into c
  from public.classes k join public.school_years y on y.id = k.school_year_id where k.id = p_class_id;
  if not found or not (c.school_year_id in (select private.my_year_ids('{principal}'))) then
    raise exception 'Chỉ Hiệu trưởng mở thời hạn ký số.' using errcode = '42501';
  end if;
  if not coalesce(private.gradebook_locked(c.school_year_id, null, c.id, null), false) then
    raise exception 'Năm học % của lớp % chưa khoá sổ: học bạ chỉ được ký số sau khi khoá sổ.', c.code, c.name using errcode = '22023';
  end if;
  if p_opens_on is null or p_closes_on is null or p_closes_on < p_opens_on then
    raise exception 'Ngày kết thúc ký số phải sau ngày bắt đầu.' using errcode = '22023';
  end if;
  if p_closes_on < public.app_today() then
    raise exception 'Ngày kết thúc ký số đã qua.' using errcode = '22023';
  end if;
  insert into public.signing_windows (school_id, school_year_id, class_id, opens_on, closes_on, homeroom_after_teachers, opened_by)
  values (c.school_id, c.school_year_id, c.id, p_opens_on, p_closes_on, coalesce(p_homeroom_after_teachers, false), (select auth.uid()))
  on conflict (class_id) do update set opens_on = excluded.opens_on, closes_on = excluded.closes_on,
    homeroom_after_teachers = excluded.homeroom_after_teachers, opened_by = excluded.opened_by, updated_at = now()
  returning signing_windows.id into id;
  return id;
end $$;
revoke execute on function public.open_signing_window(uuid, date, date, boolean) from public, anon;
grant execute on function public.open_signing_window(uuid, date, date, boolean) to authenticated;

-- ───────────────────────────── signatures ─────────────────────────────

create table public.signatures (
  id uuid primary key default gen_random_uuid(),
  document_version_id uuid not null references public.document_versions (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  class_id uuid not null references public.classes (id) on delete restrict,
  -- 1 for the first signature of the version, then 2, 3, …: the file after this signature.
  revision integer not null check (revision >= 1),
  role public.signer_role not null,
  subject_id uuid references public.subjects (id) on delete restrict,
  profile_id uuid not null references public.profiles (id) on delete restrict,
  certificate_id uuid not null references public.certificates (id) on delete restrict,
  batch_id uuid,
  signed_at timestamptz not null,
  storage_path text not null unique,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size integer not null check (byte_size > 0),
  created_at timestamptz not null default now(),
  unique (document_version_id, revision),
  check ((role = 'subject') = (subject_id is not null))
);
create unique index signatures_one_per_signer on public.signatures (document_version_id, role, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index signatures_class_idx on public.signatures (class_id);
create index signatures_school_idx on public.signatures (school_id);
create index signatures_subject_idx on public.signatures (subject_id);
create index signatures_profile_idx on public.signatures (profile_id);
create index signatures_certificate_idx on public.signatures (certificate_id);
create index signatures_batch_idx on public.signatures (batch_id);
-- The verify function finds a file by its hash (a signed revision, or an unsigned archived print).
create index signatures_sha256_idx on public.signatures (sha256);
create index document_versions_sha256_idx on public.document_versions (sha256);
comment on table public.signatures is
  'One row per signature added to an archived version''s file (incremental update), in order: revision n is the file after the n-th signature.';
alter table public.signatures enable row level security;
grant select on public.signatures to authenticated;
grant select, insert on public.signatures to service_role;
create policy signatures_select on public.signatures for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_staff_roles())));
comment on policy signatures_select on public.signatures is 'Who signed what and when: the school''s staff (the signature board).';

/** The subjects of a class that are signed (every subject but topics), in the class's order. */
create function private.signed_subjects(p_class_id uuid) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select cs.subject_id from public.class_subjects cs join public.subjects s on s.id = cs.subject_id
  where cs.class_id = p_class_id and s.category <> 'topic'
$$;
revoke execute on function private.signed_subjects(uuid) from public, anon;
grant execute on function private.signed_subjects(uuid) to authenticated, service_role;

/** Who has not signed a version yet before p_role may: names of the pending signers (empty when none). */
create function private.pending_before(p_version_id uuid, p_class_id uuid, p_role public.signer_role) returns text[]
language sql stable security definer set search_path = '' as $$
  with signed as (select s.role, s.subject_id from public.signatures s where s.document_version_id = p_version_id),
  needed as (
    select 'subject'::public.signer_role as role, sub.id as subject_id, 'môn ' || sub.name as label, sub.sort_order as ord
    from private.signed_subjects(p_class_id) x join public.subjects sub on sub.id = x
    where p_role in ('principal', 'organisation')
       or (p_role = 'homeroom' and coalesce((select w.homeroom_after_teachers from public.signing_windows w where w.class_id = p_class_id), false))
    union all
    select 'homeroom', null, 'giáo viên chủ nhiệm', 1000 where p_role in ('principal', 'organisation')
    union all
    select 'principal', null, 'hiệu trưởng', 1001 where p_role = 'organisation'
  )
  select coalesce(array_agg(n.label order by n.ord), '{}') from needed n
  where not exists (select 1 from signed s where s.role = n.role and s.subject_id is not distinct from n.subject_id)
$$;
revoke execute on function private.pending_before(uuid, uuid, public.signer_role) from public, anon;
grant execute on function private.pending_before(uuid, uuid, public.signer_role) to authenticated, service_role;

/**
 * Every signature recorded (the sign function, service role) is checked here: its version is current and
 * of the class; its revision is the next one (else 55000: the file changed since the signature was
 * computed — the function redoes it); the window is open; its certificate is active, the signer's, and
 * the signer may sign in that role; the signers it must follow have signed this version. (55000, not
 * 40001: PostgREST retries a serialization failure itself, and this one needs a new signature.)
 */
create function private.check_signature() returns trigger
language plpgsql set search_path = '' as $$
declare
  v public.document_versions;
  w public.signing_windows;
  cert public.certificates;
  k public.classes;
  pending text[];
  last integer;
begin
  select * into v from public.document_versions where id = new.document_version_id for update;
  if v.kind <> 'transcript_year' or v.status <> 'current' then
    raise exception 'Chỉ ký được phiên bản hiện hành của học bạ năm học.' using errcode = '22023';
  end if;
  select * into k from public.classes where id = new.class_id;
  if not exists (select 1 from public.enrolments e where e.class_id = k.id and e.student_id = v.student_id and e.school_year_id = v.school_year_id) then
    raise exception 'Học bạ này không thuộc lớp được ký.' using errcode = '22023';
  end if;
  new.school_id := v.school_id;
  select coalesce(max(s.revision), 0) into last from public.signatures s where s.document_version_id = v.id;
  if new.revision <> last + 1 then
    raise exception 'Tệp đã có chữ ký mới hơn; chữ ký được tính lại trên bản mới nhất.' using errcode = '55000';
  end if;
  select * into w from public.signing_windows where class_id = new.class_id;
  if not found or public.app_today() not between w.opens_on and w.closes_on then
    raise exception 'Ngoài thời hạn ký số của lớp.' using errcode = '22023';
  end if;
  select * into cert from public.certificates where id = new.certificate_id;
  if cert.status <> 'active' or now() not between cert.not_before and cert.not_after then
    raise exception 'Chứng thư số đã bị thu hồi hoặc hết hạn: không ký được.' using errcode = '22023';
  end if;
  if (new.role = 'organisation') <> (cert.kind = 'organisation')
     or (cert.kind = 'person' and cert.profile_id <> new.profile_id)
     or (cert.kind = 'organisation' and cert.school_id <> v.school_id) then
    raise exception 'Chứng thư số không phải của người ký.' using errcode = '42501';
  end if;
  if not private.may_sign_as(new.profile_id, new.class_id, new.role, new.subject_id) then
    raise exception 'Người này không ký học bạ của lớp với vai trò này.' using errcode = '42501';
  end if;
  pending := private.pending_before(v.id, new.class_id, new.role);
  if cardinality(pending) > 0 then
    raise exception 'Chưa đến lượt ký: còn chờ %.', array_to_string(pending, ', ') using errcode = '22023';
  end if;
  return new;
end $$;
create trigger signatures_check before insert on public.signatures
  for each row execute function private.check_signature();
create function private.freeze_signature() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'Chữ ký số đã ghi không được sửa hay xoá' using errcode = '42501';
end $$;
create trigger signatures_frozen before update or delete on public.signatures
  for each row execute function private.freeze_signature();
select private.enable_audit('public.signatures');

/** Whether p_profile may sign the class's year files in p_role (p_subject for a subject teacher). */
create function private.may_sign_as(p_profile_id uuid, p_class_id uuid, p_role public.signer_role, p_subject_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case p_role
    when 'subject' then exists (select 1 from public.teaching_assignments a
                                where a.class_id = p_class_id and a.subject_id = p_subject_id and a.teacher_id = p_profile_id and a.ended_at is null)
                        and p_subject_id in (select private.signed_subjects(p_class_id))
    when 'homeroom' then exists (select 1 from public.classes k where k.id = p_class_id and k.homeroom_teacher_id = p_profile_id)
    when 'principal' then exists (select 1 from public.classes k join public.memberships m
                                    on m.org_unit_id = k.school_id and m.school_year_id = k.school_year_id
                                  where k.id = p_class_id and m.profile_id = p_profile_id and m.role = 'principal')
    when 'organisation' then exists (select 1 from public.classes k join public.memberships m
                                       on m.org_unit_id = k.school_id and m.school_year_id = k.school_year_id
                                     where k.id = p_class_id and m.profile_id = p_profile_id and m.role = 'clerk')
  end
$$;
revoke execute on function private.may_sign_as(uuid, uuid, public.signer_role, uuid) from public, anon;
grant execute on function private.may_sign_as(uuid, uuid, public.signer_role, uuid) to authenticated, service_role;

-- Pending signers are named with their people: "môn Toán (Nguyễn Văn A)", "giáo viên chủ nhiệm (…)".
create or replace function private.pending_before(p_version_id uuid, p_class_id uuid, p_role public.signer_role) returns text[]
language sql stable security definer set search_path = '' as $$
  with signed as (select s.role, s.subject_id from public.signatures s where s.document_version_id = p_version_id),
  needed as (
    select 'subject'::public.signer_role as role, sub.id as subject_id,
           'môn ' || sub.name || coalesce(' (' || (select string_agg(distinct private.profile_name(a.teacher_id), ', ')
                                                   from public.teaching_assignments a
                                                   where a.class_id = p_class_id and a.subject_id = sub.id and a.ended_at is null) || ')', ' (chưa phân công)') as label,
           sub.sort_order as ord
    from private.signed_subjects(p_class_id) x join public.subjects sub on sub.id = x
    where p_role in ('principal', 'organisation')
       or (p_role = 'homeroom' and coalesce((select w.homeroom_after_teachers from public.signing_windows w where w.class_id = p_class_id), false))
    union all
    select 'homeroom', null, 'giáo viên chủ nhiệm' || coalesce(' (' || (select private.profile_name(k.homeroom_teacher_id) from public.classes k where k.id = p_class_id) || ')', ''), 1000
    where p_role in ('principal', 'organisation')
    union all
    select 'principal', null, 'hiệu trưởng', 1001 where p_role = 'organisation'
  )
  select coalesce(array_agg(n.label order by n.ord), '{}') from needed n
  where not exists (select 1 from signed s where s.role = n.role and s.subject_id is not distinct from n.subject_id)
$$;

-- ───────────────────────────── batches ─────────────────────────────

/**
 * One approval by one signer over the year files of a class (a teacher approves the 40 transcripts of a
 * class once, as remote signing services allow): prepared by the jobs worker (each file's new revision
 * with its appearance and the hash to sign), then approved — the local signer with the PIN, a remote
 * signer on the person's phone — and finished (signatures embedded, timestamped, recorded).
 */
create table public.signing_batches (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null references public.school_years (id) on delete restrict,
  class_id uuid not null references public.classes (id) on delete restrict,
  role public.signer_role not null,
  subject_id uuid references public.subjects (id) on delete restrict,
  profile_id uuid not null references public.profiles (id) on delete restrict,
  certificate_id uuid not null references public.certificates (id) on delete restrict,
  label text not null,
  status text not null default 'preparing'
    check (status in ('preparing', 'awaiting_approval', 'done', 'failed', 'declined', 'expired', 'cancelled')),
  total integer not null default 0,
  done integer not null default 0,
  job_id uuid references public.jobs (id) on delete restrict,
  transaction_id text,
  expires_at timestamptz,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index signing_batches_one_open on public.signing_batches (class_id, role, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid), profile_id)
  where status in ('preparing', 'awaiting_approval');
create index signing_batches_school_idx on public.signing_batches (school_id, school_year_id);
create index signing_batches_year_idx on public.signing_batches (school_year_id);
create index signing_batches_class_idx on public.signing_batches (class_id);
create index signing_batches_subject_idx on public.signing_batches (subject_id);
create index signing_batches_profile_idx on public.signing_batches (profile_id, created_at desc);
create index signing_batches_certificate_idx on public.signing_batches (certificate_id);
create index signing_batches_job_idx on public.signing_batches (job_id);
alter table public.signing_batches enable row level security;
grant select on public.signing_batches to authenticated;
grant select, insert, update on public.signing_batches to service_role;
create policy signing_batches_select on public.signing_batches for select to authenticated
  using (profile_id = (select auth.uid()) or school_id in (select private.my_school_ids('{principal,vice_principal,admin_board}')));
comment on policy signing_batches_select on public.signing_batches is 'A signer''s own batches; every batch of the school for BGH and the admin board.';
alter table public.signatures add constraint signatures_batch_fk foreign key (batch_id) references public.signing_batches (id) on delete restrict;

create table public.signing_batch_items (
  batch_id uuid not null references public.signing_batches (id) on delete restrict,
  document_version_id uuid not null references public.document_versions (id) on delete restrict,
  school_id uuid not null references public.org_units (id) on delete restrict,
  seq integer not null,
  status text not null default 'pending' check (status in ('pending', 'prepared', 'done', 'failed')),
  -- The revision the prepared file extends, the prepared file (job-files), the digest of its signed byte
  -- ranges and the hash the signer signs (hex), the signing time written in it.
  base_revision integer,
  prepared_path text,
  byte_range integer[] check (byte_range is null or cardinality(byte_range) = 4),
  digest text,
  hash text,
  signing_time timestamptz,
  signature_id uuid references public.signatures (id) on delete restrict,
  error text,
  updated_at timestamptz not null default now(),
  primary key (batch_id, document_version_id)
);
create index signing_batch_items_version_idx on public.signing_batch_items (document_version_id);
create index signing_batch_items_school_idx on public.signing_batch_items (school_id);
create index signing_batch_items_signature_idx on public.signing_batch_items (signature_id);
alter table public.signing_batch_items enable row level security;
grant select on public.signing_batch_items to authenticated;
grant select, insert, update on public.signing_batch_items to service_role;
create policy signing_batch_items_select on public.signing_batch_items for select to authenticated
  using (batch_id in (select b.id from public.signing_batches b));
comment on policy signing_batch_items_select on public.signing_batch_items is 'The items of the batches the caller reads.';

alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check check (kind in ('print_class', 'print_gradebook', 'sign_prepare'));

/** The current archived year file of each student of a class (null where none is archived yet). */
create function private.class_year_files(p_class_id uuid) returns table (student_id uuid, full_name text, version_id uuid, seq integer)
language sql stable security definer set search_path = '' as $$
  select e.student_id, s.full_name, v.id,
         (row_number() over (order by s.given_name, s.family_name, s.middle_name, s.id))::int
  from public.enrolments e
  join public.students s on s.id = e.student_id
  left join public.document_versions v on v.unit_key = 'transcript_year:' || e.student_id || ':' || e.school_year_id and v.status = 'current'
  where e.class_id = p_class_id and e.end_reason is distinct from 'class_change'
$$;
revoke execute on function private.class_year_files(uuid) from public, anon;
grant execute on function private.class_year_files(uuid) to authenticated, service_role;

/**
 * Starts a signer's batch over a class (AS THE CALLER): p_role 'subject' (with p_subject_id), 'homeroom',
 * 'principal' or 'organisation' (a clerk, with the school's certificate). Refused with one sentence
 * unless the caller signs the class in that role, the window is open, the caller's certificate is
 * active, every student's year is archived, and — for the principal and the school — every earlier
 * signer has signed every file (naming who is pending). The files the caller has not signed yet become
 * the batch; a job prepares them. A batch of the same signer still open is answered instead.
 */
create function public.start_signing_batch(p_class_id uuid, p_role public.signer_role, p_subject_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me constant uuid := (select auth.uid());
  k record;
  w public.signing_windows;
  cert public.certificates;
  open_batch public.signing_batches;
  missing integer;
  pending text[];
  subject_name text;
  batch uuid;
  job uuid;
  n integer;
  per_step constant integer := 8;
begin
  select c.id, c.name, c.school_id, c.school_year_id, y.code into k
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found or me is null or not private.may_sign_as(me, p_class_id, p_role, p_subject_id) then
    raise exception 'Bạn không ký học bạ của lớp này với vai trò này.' using errcode = '42501';
  end if;
  select s.name into subject_name from public.subjects s where s.id = p_subject_id;
  select * into w from public.signing_windows where class_id = p_class_id;
  if not found then
    raise exception 'Hiệu trưởng chưa mở thời hạn ký số của lớp %.', k.name using errcode = '22023';
  end if;
  if public.app_today() < w.opens_on or public.app_today() > w.closes_on then
    raise exception 'Ngoài thời hạn ký số của lớp % (từ % đến %).', k.name, to_char(w.opens_on, 'DD/MM/YYYY'), to_char(w.closes_on, 'DD/MM/YYYY') using errcode = '22023';
  end if;
  select * into cert from public.certificates c
  where c.status = 'active' and now() between c.not_before and c.not_after
    and case when p_role = 'organisation' then c.kind = 'organisation' and c.school_id = k.school_id
             else c.kind = 'person' and c.profile_id = me end;
  if not found then
    raise exception '%', case when p_role = 'organisation' then 'Trường chưa có chứng thư số tổ chức đang hiệu lực: đề nghị Ban quản trị cấp.'
                              else 'Bạn chưa có chứng thư số đang hiệu lực: đề nghị Ban quản trị cấp.' end using errcode = '22023';
  end if;
  select * into open_batch from public.signing_batches b
  where b.class_id = p_class_id and b.role = p_role and b.subject_id is not distinct from p_subject_id and b.profile_id = me
    and b.status in ('preparing', 'awaiting_approval');
  if found then
    return jsonb_build_object('batch_id', open_batch.id, 'job_id', open_batch.job_id, 'total', open_batch.total, 'label', open_batch.label, 'status', open_batch.status);
  end if;
  select count(*) into missing from private.class_year_files(p_class_id) f where f.version_id is null;
  if missing > 0 then
    raise exception 'Còn % học sinh của lớp % chưa có học bạ năm học được in lưu trữ: văn thư in lưu trữ học bạ của lớp trước khi ký.', missing, k.name using errcode = '22023';
  end if;
  -- The earlier signers, over every file of the class (one sentence naming them).
  select array_agg(distinct p order by p) into pending
  from private.class_year_files(p_class_id) f, unnest(private.pending_before(f.version_id, p_class_id, p_role)) p;
  if cardinality(pending) > 0 then
    raise exception 'Chưa đến lượt ký: còn chờ %.', array_to_string(pending, ', ') using errcode = '22023';
  end if;

  insert into public.signing_batches (school_id, school_year_id, class_id, role, subject_id, profile_id, certificate_id, label)
  values (k.school_id, k.school_year_id, p_class_id, p_role, p_subject_id, me, cert.id,
          'Ký học bạ lớp ' || k.name || ' năm học ' || k.code || ' – ' ||
          case p_role when 'subject' then 'môn ' || subject_name when 'homeroom' then 'giáo viên chủ nhiệm'
                      when 'principal' then 'hiệu trưởng' else 'chữ ký số của trường' end)
  returning id into batch;
  insert into public.signing_batch_items (batch_id, document_version_id, school_id, seq)
  select batch, f.version_id, k.school_id, f.seq from private.class_year_files(p_class_id) f
  where not exists (select 1 from public.signatures s where s.document_version_id = f.version_id and s.role = p_role
                      and s.subject_id is not distinct from p_subject_id);
  get diagnostics n = row_count;
  if n = 0 then
    raise exception 'Bạn đã ký tất cả học bạ của lớp % với vai trò này.', k.name using errcode = '22023';
  end if;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (k.school_id, 'sign_prepare', jsonb_build_object('batch_id', batch), 'Chuẩn bị ký ' || n || ' học bạ lớp ' || k.name, me, ceil(n::numeric / per_step))
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, k.school_id, g, jsonb_build_object('batch_id', batch, 'from', (g - 1) * per_step + 1, 'to', g * per_step)
  from generate_series(1, ceil(n::numeric / per_step)::int) g;
  update public.signing_batches set total = n, job_id = job where id = batch;
  -- The items' order (seq) is the class list; renumber them 1..n for the steps' ranges.
  update public.signing_batch_items i set seq = r.rn
  from (select document_version_id, row_number() over (order by seq) as rn from public.signing_batch_items where batch_id = batch) r
  where i.batch_id = batch and i.document_version_id = r.document_version_id;
  return jsonb_build_object('batch_id', batch, 'job_id', job, 'total', n, 'label',
                            (select b.label from public.signing_batches b where b.id = batch), 'status', 'preparing');
end $$;
revoke execute on function public.start_signing_batch(uuid, public.signer_role, uuid) from public, anon;
grant execute on function public.start_signing_batch(uuid, public.signer_role, uuid) to authenticated;

/**
 * A batch as its signer approves it (AS THE CALLER): only the batch's signer, only once every file is
 * prepared, only inside the window and with the certificate still active. Returns the certificate and
 * every item's hash to sign (hex).
 */
create function public.signing_batch_for_approval(p_batch_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  b public.signing_batches;
  w public.signing_windows;
  cert public.certificates;
begin
  select * into b from public.signing_batches where id = p_batch_id;
  if not found or b.profile_id is distinct from (select auth.uid()) then
    raise exception 'Không có lượt ký này của bạn.' using errcode = '42501';
  end if;
  if b.status = 'preparing' then
    raise exception 'Các tệp đang được chuẩn bị (% tệp); chờ chuẩn bị xong rồi xác nhận ký.', b.total using errcode = '22023';
  end if;
  if b.status <> 'awaiting_approval' then
    raise exception 'Lượt ký này đã kết thúc.' using errcode = '22023';
  end if;
  select * into w from public.signing_windows where class_id = b.class_id;
  if public.app_today() not between w.opens_on and w.closes_on then
    raise exception 'Đã hết thời hạn ký số của lớp.' using errcode = '22023';
  end if;
  select * into cert from public.certificates where id = b.certificate_id;
  if cert.status <> 'active' then
    raise exception 'Chứng thư số đã bị thu hồi: không ký được.' using errcode = '22023';
  end if;
  return jsonb_build_object(
    'batch_id', b.id, 'class_id', b.class_id, 'role', b.role, 'subject_id', b.subject_id, 'profile_id', b.profile_id,
    'certificate_id', b.certificate_id, 'label', b.label, 'total', b.total,
    'items', (select coalesce(jsonb_agg(jsonb_build_object('document_version_id', i.document_version_id, 'hash', i.hash) order by i.seq), '[]')
              from public.signing_batch_items i where i.batch_id = b.id and i.status = 'prepared'));
end $$;
revoke execute on function public.signing_batch_for_approval(uuid) from public, anon;
grant execute on function public.signing_batch_for_approval(uuid) to authenticated;

/**
 * What waits for the caller's signature: per class and role, the files not yet signed, whether it is the
 * caller's turn (and who is pending otherwise), the window's end; ordered by the window's end.
 */
create function public.my_signing_inbox() returns jsonb
language sql stable security definer set search_path = '' as $$
  with me as (select (select auth.uid()) as id),
  roles as (
    select w.class_id, 'subject'::public.signer_role as role, a.subject_id
    from public.signing_windows w join public.teaching_assignments a on a.class_id = w.class_id and a.ended_at is null
    , me where a.teacher_id = me.id and a.subject_id in (select private.signed_subjects(w.class_id))
    union
    select w.class_id, 'homeroom', null from public.signing_windows w join public.classes k on k.id = w.class_id, me where k.homeroom_teacher_id = me.id
    union
    select w.class_id, r.role, null from public.signing_windows w, me, (values ('principal'::public.signer_role), ('organisation')) r (role)
    where private.may_sign_as(me.id, w.class_id, r.role, null)
  ),
  items as (
    select r.class_id, r.role, r.subject_id, k.name as class_name, y.code as year_code, w.opens_on, w.closes_on,
           (select s.name from public.subjects s where s.id = r.subject_id) as subject_name,
           (select count(*) from private.class_year_files(r.class_id) f
            where f.version_id is not null and not exists (select 1 from public.signatures s where s.document_version_id = f.version_id
                                                             and s.role = r.role and s.subject_id is not distinct from r.subject_id))::int as unsigned,
           (select count(*) from private.class_year_files(r.class_id))::int as files,
           (select array_agg(distinct p) from private.class_year_files(r.class_id) f, unnest(private.pending_before(f.version_id, r.class_id, r.role)) p
            where f.version_id is not null) as pending
    from roles r join public.signing_windows w on w.class_id = r.class_id
    join public.classes k on k.id = r.class_id join public.school_years y on y.id = k.school_year_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'class_id', class_id, 'class_name', class_name, 'year_code', year_code, 'role', role, 'subject_id', subject_id,
    'subject_name', subject_name, 'opens_on', opens_on, 'closes_on', closes_on, 'files', files, 'unsigned', unsigned,
    'pending', coalesce(pending, '{}'), 'open', public.app_today() between opens_on and closes_on
  ) order by closes_on, class_name, role, subject_name), '[]')
  from items where unsigned > 0
$$;
revoke execute on function public.my_signing_inbox() from public, anon;
grant execute on function public.my_signing_inbox() to authenticated;

/**
 * The class's signature board: every signer (subjects with their teachers, the GVCN, the principal, the
 * school) with how many of the class's files they have signed and when last; for the school's staff.
 */
create function public.class_signature_board(p_class_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  k public.classes;
begin
  select * into k from public.classes where id = p_class_id;
  if not found or not (k.school_id in (select private.my_school_ids(private.school_staff_roles()))) then
    raise exception 'Bạn không xem được tình trạng ký số của lớp này.' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'class_id', k.id, 'class_name', k.name,
    'window', (select jsonb_build_object('opens_on', w.opens_on, 'closes_on', w.closes_on, 'homeroom_after_teachers', w.homeroom_after_teachers)
               from public.signing_windows w where w.class_id = k.id),
    'files', (select count(*) from private.class_year_files(k.id)),
    'archived', (select count(*) from private.class_year_files(k.id) f where f.version_id is not null),
    'signers', (
      with signers as (
        select 'subject'::public.signer_role as role, sub.id as subject_id, sub.name as label, sub.sort_order as ord,
               (select string_agg(distinct private.profile_name(a.teacher_id), ', ') from public.teaching_assignments a
                where a.class_id = k.id and a.subject_id = sub.id and a.ended_at is null) as people
        from private.signed_subjects(k.id) x join public.subjects sub on sub.id = x
        union all select 'homeroom', null, 'Giáo viên chủ nhiệm', 1000, private.profile_name(k.homeroom_teacher_id)
        union all select 'principal', null, 'Hiệu trưởng', 1001, private.principal_name(k.school_year_id)
        union all select 'organisation', null, 'Chữ ký số của trường', 1002, (select o.name from public.org_units o where o.id = k.school_id)
      )
      select jsonb_agg(jsonb_build_object(
        'role', s.role, 'subject_id', s.subject_id, 'label', s.label, 'people', s.people,
        'signed', (select count(*) from public.signatures g join private.class_year_files(k.id) f on f.version_id = g.document_version_id
                   where g.role = s.role and g.subject_id is not distinct from s.subject_id),
        'last_signed_at', (select max(g.signed_at) from public.signatures g join private.class_year_files(k.id) f on f.version_id = g.document_version_id
                           where g.role = s.role and g.subject_id is not distinct from s.subject_id)
      ) order by s.ord, s.label) from signers s));
end $$;
revoke execute on function public.class_signature_board(uuid) from public, anon;
grant execute on function public.class_signature_board(uuid) to authenticated;

-- ───────────────────────────── files ─────────────────────────────

-- Each signed revision, whole: private, never replaced nor removed; read by whoever reads the version.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('signed-documents', 'signed-documents', false, 20000000, '{application/pdf}')
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

create policy signed_documents_select on storage.objects for select to authenticated
  using (bucket_id = 'signed-documents'
         and name in (select s.storage_path from public.signatures s join public.document_versions v on v.id = s.document_version_id));

create or replace function private.freeze_documents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' and old.bucket_id in ('documents', 'signed-documents') then
    raise exception 'Văn bản đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

-- Trust anchors and CRLs, public (a relying party fetches them without a token): root.crt, crl/<CA id>.crl.
-- Written only by the sign function (service role).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('pki', 'pki', true, 1000000, '{application/pkix-crl,application/pkix-cert}')
on conflict (id) do update set public = true, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

-- ───────────────────────────── a correction re-opens one file ─────────────────────────────

/**
 * When a correction is relocked, the years it changed are printed again for the students whose year is
 * archived: a print_class job (as the admin board who relocked, who may print them) archives each
 * student's new version, superseding the old one with the request named. A signed version stays archived
 * with its signed revisions; the new version starts unsigned, so every signer of the class finds that one
 * file in their inbox again (rpc my_signing_inbox) and the principal's turn waits for them. No other
 * student's file changes.
 */
/** The students of a correction whose changed year is archived (a current version exists). */
create function private.corrected_archived_students(p_request_id uuid, p_school_year_id uuid) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select distinct i.student_id from public.correction_items i
  where i.request_id = p_request_id and i.applied_at is not null
    and exists (select 1 from public.document_versions v
                where v.unit_key = 'transcript_year:' || i.student_id || ':' || p_school_year_id and v.status = 'current')
$$;
revoke execute on function private.corrected_archived_students(uuid, uuid) from public, anon, authenticated;

create function private.reprint_after_correction() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  k record;
  job uuid;
  n integer;
begin
  select c.id, c.name, c.school_id, c.school_year_id, y.code into k
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = new.class_id;
  select count(*) into n from private.corrected_archived_students(new.id, k.school_year_id);
  if n = 0 then
    return null;
  end if;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (k.school_id, 'print_class', jsonb_build_object('class_id', k.id, 'school_year_id', k.school_year_id, 'correction_request_id', new.id),
          'In lại học bạ sau sửa chữa – lớp ' || k.name || ' năm học ' || k.code, (select auth.uid()), n)
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, k.school_id, row_number() over (order by s), jsonb_build_object('student_id', s, 'school_year_id', k.school_year_id)
  from private.corrected_archived_students(new.id, k.school_year_id) s;
  return null;
end $$;
create trigger correction_requests_reprint after update of status on public.correction_requests
  for each row when (new.status = 'relocked' and old.status is distinct from 'relocked')
  execute function private.reprint_after_correction();
