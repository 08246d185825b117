-- Province scale (issue 13): the two reads of one class that the teachers open most, rpc/gradebook_sheet
-- (Sổ điểm) and rpc/class_summary (Kết quả), cost two to three times more over HTTP than in SQL on
-- one connection. PostgREST spreads requests over its pool of connections, and a PL/pgSQL function
-- plans each of its statements for the values of every call ("custom plans") for its first five calls
-- on a connection before it keeps one plan: the benchmark's first calls on each pooled connection paid
-- the planning of the result views again and again (province preset, school-001, as the user in SQL:
-- gradebook_sheet 10–12 ms on calls 1–5, then 4–5 ms; class_summary 28–41 ms, then 18–19 ms).
--
-- Their statements read one class by id, so the plan does not depend on which class: the plan made
-- for any class is the plan for all (the generic plan). plan_cache_mode = force_generic_plan makes each
-- connection plan once and keep it: measured the same way, gradebook_sheet 4–5 ms and class_summary
-- 18 ms from the second call. gradebook_progress keeps custom plans: its generic plan, made without
-- knowing the school year, was slower (60 ms against 42 ms).

alter function public.gradebook_sheet(uuid, uuid, int) set plan_cache_mode = force_generic_plan;
alter function public.class_summary(uuid, int) set plan_cache_mode = force_generic_plan;
