-- Bootstrap of the one-machine stack: what a bare Postgres needs so that it looks like a Supabase
-- database before any project migration runs. Modelled on Supabase's own initial schema (roles, the
-- auth and storage schemas, the auth.* helpers). Idempotent: applied at every start, before migrations.
-- Never part of supabase/migrations/: a hosted project already has all of this.

-- ---------------------------------------------------------------------------------------------------
-- Roles. Everybody logged in is `authenticated`; application roles are data (memberships), not roles.
-- ---------------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- PostgREST connects as authenticator and switches to the role named by the token.
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
  -- The auth server's own role, owner of the auth schema (GoTrue connects as supabase_auth_admin).
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin login noinherit createrole;
  end if;
  -- The storage server's role: owns the storage schema, runs each request as the caller's role.
  if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then
    create role supabase_storage_admin login noinherit createrole;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to supabase_storage_admin;

-- Each session sets `request.jwt.claims`; a role may time out long statements like Supabase's defaults.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';

-- ---------------------------------------------------------------------------------------------------
-- Schemas
-- ---------------------------------------------------------------------------------------------------
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role, supabase_auth_admin, supabase_storage_admin;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

grant usage on schema public to anon, authenticated, service_role;
revoke create on schema public from public;
-- As on hosted Supabase: objects the migration owner (postgres) creates in public are granted to the
-- API roles by default. The project's first migration revokes that for tables, so each table's grants
-- are the explicit ones beside it, on hosted and local alike.
alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;

create schema if not exists auth authorization supabase_auth_admin;
grant usage on schema auth to anon, authenticated, service_role;
create schema if not exists storage authorization supabase_storage_admin;
grant usage on schema storage to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- auth: the tables and helpers of Supabase Auth (GoTrue) that the project and the auth server use.
-- ---------------------------------------------------------------------------------------------------
set role supabase_auth_admin;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb not null default '{}'::jsonb,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  is_super_admin boolean,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  phone text unique,
  phone_confirmed_at timestamptz,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_sso_user boolean not null default false,
  is_anonymous boolean not null default false
);
comment on table auth.users is 'Auth: stores user login data within a secure schema.';
create unique index if not exists users_email_partial_key on auth.users (lower(email)) where is_sso_user = false;
-- As in Supabase's auth.users: the earliest confirmation, read by code written against hosted Supabase.
alter table auth.users add column if not exists confirmed_at timestamptz
  generated always as (least(email_confirmed_at, phone_confirmed_at)) stored;

create table if not exists auth.identities (
  id uuid primary key default extensions.gen_random_uuid(),
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  email text generated always as (lower(identity_data ->> 'email')) stored,
  unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  aal text not null default 'aal1',
  not_after timestamptz,
  refreshed_at timestamptz,
  user_agent text,
  ip inet
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);

-- Failed password checks (sign-ins, and the current password of a password change), for the throttle
-- per account (email) and per client address (ip): see supabase/local/auth/throttle.ts. Successful
-- sign-ins leave no row.
create table if not exists auth.sign_in_failures (
  id bigserial primary key,
  email text not null,
  created_at timestamptz not null default now()
);
alter table auth.sign_in_failures add column if not exists ip inet;
-- true while the password is being checked: an attempt in flight is not a failure yet.
alter table auth.sign_in_failures add column if not exists pending boolean not null default false;
create index if not exists sign_in_failures_email_created_idx on auth.sign_in_failures (email, created_at);
create index if not exists sign_in_failures_ip_created_idx on auth.sign_in_failures (ip, created_at) where ip is not null;

-- Password recovery requests (POST /recover), known addresses or not, for its rate limits.
create table if not exists auth.recovery_requests (
  id bigserial primary key,
  email text not null,
  ip inet,
  created_at timestamptz not null default now()
);
create index if not exists recovery_requests_email_created_idx on auth.recovery_requests (email, created_at);
create index if not exists recovery_requests_ip_created_idx on auth.recovery_requests (ip, created_at) where ip is not null;

-- How each session was opened (GoTrue's table): 'password' by POST /token, 'otp' by a recovery link.
-- The `amr` claim of the session's access tokens; a recovery session may set a new password without
-- the forgotten one.
create table if not exists auth.mfa_amr_claims (
  id uuid primary key default extensions.gen_random_uuid(),
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  authentication_method text not null,
  unique (session_id, authentication_method)
);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid primary key,
  payload json,
  created_at timestamptz not null default now(),
  ip_address varchar(64) not null default ''
);

-- The claims of the current request, as Supabase Auth defines them (request.jwt.claims, not the
-- legacy request.jwt.claim.* settings). Cheap: a setting read; wrap in (select …) inside policies.
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select nullif(auth.jwt() ->> 'role', '')::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select nullif(auth.jwt() ->> 'email', '')::text
$$;

reset role;

grant execute on function auth.jwt(), auth.uid(), auth.role(), auth.email() to anon, authenticated, service_role;
-- Project code may reference auth.users (foreign keys, security-definer lookups); only the service
-- role reads it through the API, as on hosted Supabase.
grant select on auth.users to service_role;
grant references on auth.users to postgres;

-- ---------------------------------------------------------------------------------------------------
-- storage: the tables and helpers of Supabase Storage. Policies on storage.objects are the project's.
-- ---------------------------------------------------------------------------------------------------
set role supabase_storage_admin;

create table if not exists storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  public boolean not null default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists storage.objects (
  id uuid primary key default extensions.gen_random_uuid(),
  bucket_id text not null references storage.buckets (id),
  name text not null,
  owner uuid,
  owner_id text,
  metadata jsonb,
  user_metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_accessed_at timestamptz not null default now(),
  unique (bucket_id, name)
);
create index if not exists objects_bucket_id_name_idx on storage.objects (bucket_id, name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $$
  select (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1]
$$;

create or replace function storage.filename(name text) returns text
language sql immutable
as $$
  select (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)]
$$;

create or replace function storage.extension(name text) returns text
language sql immutable
as $$
  select reverse(split_part(reverse(storage.filename(name)), '.', 1))
$$;

reset role;

grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to anon, authenticated, service_role;
grant usage on schema storage to postgres;
