-- TRUNCATE fires no row or statement trigger, so a role that may truncate an audited table empties it
-- with no audit entry, and past every rule trigger (issue 11, finding 9). Hosted Supabase's default
-- privileges give the service role every privilege on a new table, TRUNCATE included (20261122000050
-- revokes the defaults of anon and authenticated only), and the tables of 000100–000700 still held it
-- (students, enrolments, subject_exemptions, memberships, classes, …). Records are never truncated:
-- no API role keeps TRUNCATE (nor TRIGGER, which adds triggers, nor REFERENCES) on any table whose
-- triggers write the audit log — every such table now, and every table audited later, because
-- private.enable_audit revokes them as it turns auditing on. (The function is wrapped, not rewritten:
-- its original, renamed private.enable_audit_triggers, still creates the triggers as whatever migration
-- last defined it.)

alter function private.enable_audit(regclass, text) rename to enable_audit_triggers;
comment on function private.enable_audit_triggers(regclass, text) is
  'Creates the audit triggers of a table; called by private.enable_audit, which also revokes truncate.';

-- Turns auditing on for a table (school_id and a key column, `id` by default) and takes TRUNCATE,
-- TRIGGER and REFERENCES from every API role on it. Used by migrations; nobody else may call it.
create function private.enable_audit(target regclass, key_column text default 'id') returns void
language plpgsql set search_path = ''
as $$ begin
  perform private.enable_audit_triggers(target, key_column);
  execute format('revoke truncate, references, trigger on %s from anon, authenticated, service_role', target);
end $$;
revoke execute on function private.enable_audit(regclass, text) from public, anon, authenticated;
revoke execute on function private.enable_audit_triggers(regclass, text) from public, anon, authenticated, service_role;

-- Every table audited so far: a trigger calling an audit function of the private schema.
do $$
declare
  t regclass;
begin
  for t in
    select distinct tg.tgrelid::regclass from pg_catalog.pg_trigger tg
    join pg_catalog.pg_proc p on p.oid = tg.tgfoid join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'private' and p.proname like 'audit%' and not tg.tgisinternal
  loop
    execute format('revoke truncate, references, trigger on %s from anon, authenticated, service_role', t);
  end loop;
end $$;
