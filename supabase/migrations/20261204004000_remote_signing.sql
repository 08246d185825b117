-- Remote signing through a licensed CA (issue 15): production signs this way. A school's admin board
-- configures its provider account (VNPT SmartCA, Viettel MySign, …: the service's address, the school's
-- client id and secret, the provider CA's root that verifiers trust) through the sign function, which seals
-- the secret under SIGNING_MASTER_KEY; a person's certificate request is then activated with their
-- credential id at the provider (the function fetches the certificate from the provider), and a batch is
-- approved on the person's phone: the function starts one transaction over the batch's hashes and the
-- signer's screen asks again until the person approved, declined or let it expire.

create table public.signing_providers (
  school_id uuid primary key references public.org_units (id) on delete restrict,
  provider text not null check (provider in ('vnpt_smartca', 'viettel_mysign', 'other')),
  base_url text not null check (base_url ~ '^https?://[^[:space:]]+$' and length(base_url) <= 300),
  client_id text not null check (length(client_id) between 1 and 200),
  -- The provider CA's root certificate (DER, base64): verifiers trust the signatures its certificates make.
  trusted_root_der_base64 text not null,
  configured_by uuid references public.profiles (id) on delete restrict,
  configured_at timestamptz not null default now()
);
comment on table public.signing_providers is
  'A school''s account at a licensed CA''s remote signing service (README, "Chữ ký số"); written only by the sign function after rpc signing_provider_check.';
alter table public.signing_providers enable row level security;
grant select on public.signing_providers to authenticated;
grant select, insert, update on public.signing_providers to service_role;
create policy signing_providers_select on public.signing_providers for select to authenticated
  using (school_id in (select private.my_school_ids('{admin_board,principal,vice_principal}')));
comment on policy signing_providers_select on public.signing_providers is 'The school''s admin board and BGH.';
select private.enable_audit('public.signing_providers');

-- The client secret, sealed: no API role reads it, and it is not audited (the audit shows who configured what).
create table public.signing_provider_secrets (
  school_id uuid primary key references public.signing_providers (school_id) on delete restrict,
  sealed text not null
);
alter table public.signing_provider_secrets enable row level security;
revoke all on public.signing_provider_secrets from public, anon, authenticated;
grant select, insert, update on public.signing_provider_secrets to service_role;

-- A remote certificate names its credential at the provider (the key never leaves the provider).
alter table public.certificates add column remote_credential_id text check (remote_credential_id is null or length(remote_credential_id) between 1 and 200);
alter table public.certificates add constraint certificates_remote_credential check ((provider = 'remote') = (remote_credential_id is not null));

-- A batch approved on the person's phone: the provider's transaction while it waits.
alter table public.signing_batches add column remote_transaction_id text;
alter table public.signing_batches add column remote_expires_at timestamptz;

/** The admin board may configure the school's remote signing provider (AS THE CALLER): the school's name. */
create function public.signing_provider_check(p_school_id uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (p_school_id in (select private.my_school_ids('{admin_board}'))) then
    raise exception 'Chỉ Ban quản trị của trường cấu hình dịch vụ ký số từ xa.' using errcode = '42501';
  end if;
  return (select o.name from public.org_units o where o.id = p_school_id);
end $$;
revoke execute on function public.signing_provider_check(uuid) from public, anon;
grant execute on function public.signing_provider_check(uuid) to authenticated;

-- The activation says whether the school signs remotely (then the holder gives a credential id, not a PIN).
create or replace function public.certificate_activation(p_request_id uuid) returns jsonb
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
    'actor', (select auth.uid()),
    'remote', exists (select 1 from public.signing_providers sp where sp.school_id = r.school_id));
end $$;
