-- Fix: students.search_text is a generated column computed by private.search_text(), which calls
-- extensions.unaccent(). Execute on unaccent was never granted to the API roles, so every insert and
-- update of a student by a signed-in user (the admin board adding a student, a GVCN correcting a name)
-- failed with "permission denied for function unaccent" — found by tests/api/matrix.test.ts. Hosted
-- Supabase grants extension functions to these roles; this makes both deployments agree.
grant execute on function extensions.unaccent(regdictionary, text) to authenticated, service_role;
grant execute on function extensions.unaccent(text) to authenticated, service_role;
