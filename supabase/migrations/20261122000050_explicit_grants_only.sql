-- Supabase grants every new table in `public` to anon and authenticated by default. This project
-- grants explicitly beside each object (column-level where it matters), so the defaults are revoked
-- before any table exists; RLS then works on exactly the privileges each migration states.
alter default privileges for role postgres in schema public revoke all on tables from anon, authenticated;
alter default privileges for role postgres in schema public revoke all on sequences from anon, authenticated;
-- Functions: execute is granted per function; new ones start closed to anon and public.
alter default privileges for role postgres in schema public revoke execute on functions from anon, public;
alter default privileges for role postgres revoke execute on functions from public;
