-- system_status(): the database facts the `status` function reports (Postgres version and the applied
-- migrations). Security definer because supabase_migrations is not exposed; it reveals only versions
-- and migration names. Any signed-in user may call it. Cost: one scan of a table of a few dozen rows.
create function public.system_status() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'postgres_version', current_setting('server_version'),
    'migrations', coalesce((
      select jsonb_agg(jsonb_build_object('version', m.version, 'name', m.name) order by m.version)
      from supabase_migrations.schema_migrations m
    ), '[]'::jsonb)
  )
$$;
revoke execute on function public.system_status() from public, anon;
grant execute on function public.system_status() to authenticated, service_role;
