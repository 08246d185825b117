-- The audit log is written only by its security-definer trigger. The bootstrap gives service_role
-- every privilege on new public tables by default (as Supabase does), so service_role — the key edge
-- functions hold — could insert, rewrite, delete or truncate entries and chain heads (found by
-- tests/db/audit.test.ts). Revoked from every API role; the trigger runs as the owner and is unaffected.
revoke insert, update, delete, truncate, references, trigger on public.audit_log from anon, authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger on public.audit_chains from anon, authenticated, service_role;
