-- Archives that are never overwritten (issue 14, item 3) and their public verification (item 4).
--
-- An official print of a finished period — a student's transcript for a school year whose class is
-- locked — is kept as a version: the PDF in the private bucket `documents`, with its sha256, the hash of
-- the data it was rendered from, the layout version, the audit-chain head of that school year, a
-- verification code printed on every page, and who issued it. Printing the same data again serves the
-- same version (same bytes, same code); printing after a correction makes a new version that names the
-- correction request and supersedes the old one, which stays, readable, with its bytes.
--
-- Who writes: only the `print` function, with the service role, after the caller's right was checked
-- AS THE CALLER (rpc transcript_data). A clerk must not be able to put bytes of her own into the archive
-- under a verification code, so no client role has an insert path to the table or the bucket.
-- Nothing is ever deleted, and a version changes only from current to superseded or revoked — enforced
-- by triggers for every role, the service role included.

create type public.document_kind as enum ('transcript_year', 'transcript', 'class_gradebook', 'correction_minutes', 'copy');
create type public.document_status as enum ('current', 'superseded', 'revoked');

create table public.document_versions (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid references public.school_years (id) on delete restrict,
  kind public.document_kind not null,
  -- What the document is of — one line of versions per unit: "transcript_year:<student>:<year>",
  -- "copy:<application>".
  unit_key text not null,
  student_id uuid references public.students (id) on delete restrict,
  class_id uuid references public.classes (id) on delete restrict,
  version integer not null check (version >= 1),
  status public.document_status not null default 'current',
  supersedes uuid references public.document_versions (id) on delete restrict,
  -- Deferred: the old version is marked superseded by the new one's id before the new row is inserted
  -- (there is never a moment with two current versions of a unit).
  superseded_by uuid references public.document_versions (id) on delete restrict deferrable initially deferred,
  -- Why this version replaced the previous one: the latest correction applied to the unit since then.
  correction_request_id uuid references public.correction_requests (id) on delete restrict,
  storage_path text not null unique,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size integer not null check (byte_size > 0),
  data_sha256 text not null check (data_sha256 ~ '^[0-9a-f]{64}$'),
  layout_version integer not null check (layout_version >= 0),
  audit_seq bigint,
  audit_head text,
  verification_code text not null unique check (verification_code ~ '^[A-HJ-NP-Z2-9]{16}$'),
  issued_on date not null,
  issued_by uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (unit_key, version)
);
create unique index document_versions_one_current on public.document_versions (unit_key) where status = 'current';
create index document_versions_school_idx on public.document_versions (school_id, school_year_id);
create index document_versions_year_idx on public.document_versions (school_year_id);
create index document_versions_student_idx on public.document_versions (student_id);
create index document_versions_class_idx on public.document_versions (class_id);
create index document_versions_supersedes_idx on public.document_versions (supersedes);
create index document_versions_superseded_by_idx on public.document_versions (superseded_by);
create index document_versions_correction_idx on public.document_versions (correction_request_id);
create index document_versions_issued_by_idx on public.document_versions (issued_by);
comment on table public.document_versions is
  'Archived official documents (one row per version, never deleted): file, hashes, layout version, audit head, '
  'verification code. Written only by the print function (service role) after the caller''s right was checked.';

alter table public.document_versions enable row level security;
grant select on public.document_versions to authenticated;
grant select, insert, update on public.document_versions to service_role;

/** Students whose archived documents the caller reads: the school's office, BGH and IT staff (integrity
    checks) read the school's; a GVCN their class's this year. */
create policy document_versions_select on public.document_versions for select to authenticated
  using (school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal,it_staff}'))
         or student_id in (select private.homeroom_student_ids()));
comment on policy document_versions_select on public.document_versions is
  'The admin board, the clerk, BGH and IT staff read their school''s archive; a GVCN the versions of their class''s students.';

create function private.check_document_version() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'Văn bản đã lưu trữ không được xoá' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' then
    if (to_jsonb(new) - '{status,superseded_by,updated_at}'::text[]) is distinct from (to_jsonb(old) - '{status,superseded_by,updated_at}'::text[])
       or old.status <> 'current' or new.status = 'current'
       or (new.status = 'superseded' and new.superseded_by is null) then
      raise exception 'Văn bản đã lưu trữ không được sửa; in lại sẽ tạo phiên bản mới' using errcode = '42501';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger document_versions_check before update or delete on public.document_versions
  for each row execute function private.check_document_version();
-- Audited like assessment data (an archived version is an event of the school year); enable_audit also
-- revokes truncate from every API role.
select private.enable_audit('public.document_versions');

-- The bucket: PDFs only, private. Read by whoever reads the version; written only by the service role
-- (no insert policy); an object of the bucket is never replaced nor removed, by anyone.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('documents', 'documents', false, 20000000, '{application/pdf}')
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy documents_select on storage.objects for select to authenticated
  using (bucket_id = 'documents' and name in (select v.storage_path from public.document_versions v));

create function private.freeze_documents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' and old.bucket_id = 'documents' then
    raise exception 'Văn bản đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger documents_frozen before update or delete on storage.objects
  for each row execute function private.freeze_documents();

/**
 * Records a new archived version (the print function, service role only, after it uploaded the file).
 * Serialised per unit; p_version must be the next number (the function printed it in the footer): when
 * another print got there first the call fails with 40001 and the function retries. When the current
 * version has the same data and layout, nothing is added and that version is returned (`existing`).
 * A new version supersedes the current one and names the latest correction applied to the unit since.
 */
create function public.archive_document_version(
  p_kind public.document_kind, p_unit_key text, p_school_id uuid, p_school_year_id uuid, p_student_id uuid, p_class_id uuid,
  p_version integer, p_storage_path text, p_sha256 text, p_byte_size integer, p_data_sha256 text,
  p_layout_version integer, p_verification_code text, p_issued_on date, p_issued_by uuid
) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  unit text := p_unit_key;
  cur public.document_versions;
  created public.document_versions;
  new_id uuid := gen_random_uuid();
  chain record;
  why uuid;
begin
  perform pg_advisory_xact_lock(hashtextextended(unit, 0));
  select * into cur from public.document_versions where unit_key = unit and status = 'current';
  if found and cur.data_sha256 = p_data_sha256 and cur.layout_version = p_layout_version then
    return to_jsonb(cur) || jsonb_build_object('existing', true);
  end if;
  if coalesce(cur.version, 0) + 1 <> p_version then
    raise exception 'Văn bản vừa được in bởi người khác, vui lòng in lại' using errcode = '40001';
  end if;
  select c.last_seq, encode(c.last_hash, 'hex') as head into chain
  from public.audit_chains c
  where c.school_id = p_school_id and c.school_year_key = coalesce(p_school_year_id, '00000000-0000-0000-0000-000000000000');
  if cur.id is not null and p_student_id is not null then
    select r.id into why
    from public.correction_items i join public.correction_requests r on r.id = i.request_id
    where i.student_id = p_student_id and r.school_year_id = p_school_year_id
      and i.applied_at is not null and i.applied_at > cur.created_at
    order by i.applied_at desc limit 1;
  end if;
  if cur.id is not null then
    update public.document_versions set status = 'superseded', superseded_by = new_id, updated_at = now()
    where id = cur.id;
  end if;
  insert into public.document_versions (id, school_id, school_year_id, kind, unit_key, student_id, class_id, version,
    supersedes, correction_request_id, storage_path, sha256, byte_size, data_sha256, layout_version,
    audit_seq, audit_head, verification_code, issued_on, issued_by)
  values (new_id, p_school_id, p_school_year_id, p_kind, unit, p_student_id, p_class_id, p_version,
    cur.id, why, p_storage_path, p_sha256, p_byte_size, p_data_sha256, p_layout_version,
    chain.last_seq, chain.head, p_verification_code, p_issued_on, p_issued_by)
  returning * into created;
  return to_jsonb(created) || jsonb_build_object('existing', false);
end $$;
revoke execute on function public.archive_document_version(public.document_kind, text, uuid, uuid, uuid, uuid, integer, text, text, integer, text, integer, text, date, uuid) from public, anon, authenticated;
grant execute on function public.archive_document_version(public.document_kind, text, uuid, uuid, uuid, uuid, integer, text, text, integer, text, integer, text, date, uuid) to service_role;

-- Public verification: lookups per client address and minute, kept a day. Not readable by anyone.
create table private.verify_attempts (
  client text not null,
  minute timestamptz not null,
  attempts integer not null default 1,
  primary key (client, minute)
);
comment on table private.verify_attempts is 'Public verification lookups per client address and minute (rate limit).';

/** "Đinh Khánh Thủy" → "Đ.K.T." — all of a name the public page shows. */
create function private.initials(p_name text) returns text
language sql immutable set search_path = '' as $$
  select string_agg(upper(left(w, 1)) || '.', '' order by n)
  from unnest(regexp_split_to_array(trim(p_name), '\s+')) with ordinality as t (w, n)
  where w <> ''
$$;

/**
 * What a verification code stands for, for anyone (no login): the kind of document, the school, the
 * school year, the issue date, the version and whether it is current, superseded or revoked, the sha256
 * of its bytes (the page compares a dropped PDF with it, in the browser), and of the student only the
 * initials and year of birth. No reasons, no names of staff. Unknown code: null. More than 20 lookups a
 * minute from one address: 429 "Bạn tra cứu quá nhiều lần …". Security definer (anon reads no table).
 */
create function public.verify_document(p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  headers jsonb := coalesce(nullif(current_setting('request.headers', true), ''), '{}')::jsonb;
  who text := coalesce(nullif(split_part(headers ->> 'x-forwarded-for', ',', 1), ''), headers ->> 'x-real-ip', 'unknown');
  wanted text := upper(regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g'));
  n integer;
  v record;
begin
  insert into private.verify_attempts as a (client, minute) values (trim(who), date_trunc('minute', now()))
  on conflict (client, minute) do update set attempts = a.attempts + 1
  returning attempts into n;
  if n > 20 then
    raise exception 'Bạn tra cứu quá nhiều lần, vui lòng thử lại sau một phút.' using errcode = 'PT429';
  end if;
  if random() < 0.01 then
    delete from private.verify_attempts where minute < now() - interval '1 day';
  end if;
  select d.kind, d.version, d.status, d.issued_on, d.sha256, o.name as school_name, y.code as school_year_code,
         private.initials(s.full_name) as initials, extract(year from s.birth_date)::int as birth_year
  into v
  from public.document_versions d
  join public.org_units o on o.id = d.school_id
  left join public.school_years y on y.id = d.school_year_id
  left join public.students s on s.id = d.student_id
  where d.verification_code = wanted;
  if not found then
    return null;
  end if;
  return jsonb_build_object('kind', v.kind, 'version', v.version, 'status', v.status, 'issued_on', v.issued_on,
    'sha256', v.sha256, 'school_name', v.school_name, 'school_year_code', v.school_year_code,
    'student_initials', v.initials, 'birth_year', v.birth_year);
end $$;
revoke execute on function public.verify_document(text) from public;
grant execute on function public.verify_document(text) to anon, authenticated;
