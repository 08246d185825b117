-- Province scale (issue 13): Xếp lớp reads a class's enrolments through rpc/class_enrolments, flat rows read
-- as the owner and limited, once per request, to what the caller's policies show.
--
-- Cause: the screen read `enrolments?class_id=eq.…&select=…,students(…,student_details(…))`. For a GVCN,
-- PostgREST's statement took 2.0–2.3 ms in the database against 0.6–0.9 ms for the same rows as a flat join
-- (2.7–3.6×, on the district and the province alike): 1.35 ms of it, as the service role, is the nested JSON
-- of the two embeds (a subquery and a JSON object per row and level), and the policies of the three tables
-- add ≈ 0.9 ms per request — each table builds the caller's homeroom and taught pupils again.
--
-- private.class_enrolment_rows (security definer) answers the same rows, flat (the student's and details'
-- columns beside the enrolment's; null where the embed was null, and details_shown where the embed had a
-- details object: the class-list import compares a shown, empty birth place, not a hidden one), saying the
-- three policies once for the class instead of per row. For a class C of school S and year Y (the foreign keys make every enrolment of C
-- one of S and Y, and its pupil a student of S):
--   * an enrolment is shown when (S is among the caller's schools with a school-wide student role, or its
--     pupil is among private.homeroom_student_ids() or private.taught_student_ids()) and (Y is opened, or S is
--     among the caller's admin-board schools) — enrolments_select;
--   * its student when (S school-wide, or the pupil among the same two sets) — students_select: the first
--     factor again, so a shown enrolment always has its student;
--   * the details when the pupil is among private.full_profile_student_ids() — student_details_select.
-- The sets are not built when the class answers for every pupil of it: C among the caller's homeroom classes
-- puts every pupil of C in the homeroom set (and in the full-profile set), C among the classes they teach
-- puts every pupil in the taught set (the helpers' definitions). Otherwise (a parent, a teacher looking at a
-- class not theirs) the policy's own helper is asked once and each row is looked up in it. Each helper is
-- asked only when its answer is not known already: a GVCN's own class costs one helper call (their
-- homeroom classes), where the three policies made six or more. The service role
-- and the owner read everything (private.caller_reads_all_gradebooks: the role PostgREST set, as in
-- 20261205101000).
-- public.class_enrolments is the security-invoker entry PostgREST exposes (anon may not call it: the
-- enrolments are read by signed-in users only).
-- tests/db/class_enrolments_rpc.test.ts: for every demo account, the service role and every class, the rows
-- equal what the former read showed under the caller's row-level security, after a year is prepared (not
-- opened) with a pupil placed in it and a second pupil is moved to another class.

create function private.class_enrolment_rows(p_class_id uuid)
returns table (id uuid, class_id uuid, student_id uuid, started_on date, start_reason public.enrolment_start,
               ended_on date, end_reason public.enrolment_end, end_note text,
               full_name text, student_code text, gender public.gender, birth_date date, details_shown boolean, birth_place text, ethnicity text)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  cls record;
  everyone boolean := private.caller_reads_all_gradebooks();
  school_wide uuid[] := '{}';
  admin_board uuid[] := '{}';
  full_profile uuid[] := '{}';
  homeroom_class boolean := false;
  taught_class boolean := false;
  shown_students uuid[] := '{}';
  detail_students uuid[] := '{}';
begin
  select c.school_id, y.opened_at is not null as opened into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found then
    return;
  end if;
  -- Each set is asked only when the answer is not known already (a GVCN's own class: one helper call).
  if not everyone then
    homeroom_class := p_class_id in (select private.homeroom_class_ids());
    if not cls.opened then
      admin_board := array(select private.my_school_ids('{admin_board}'));
    end if;
    if not homeroom_class then
      school_wide := array(select private.my_school_ids(private.school_wide_student_roles()));
      if not (cls.school_id = any (school_wide)) then
        taught_class := p_class_id in (select t.class_id from private.taught_class_subjects() t);
        if not taught_class then
          shown_students := array(select private.homeroom_student_ids() union select private.taught_student_ids());
        end if;
      end if;
      full_profile := array(select private.my_school_ids(private.full_profile_roles()));
      if not (cls.school_id = any (full_profile)) then
        detail_students := array(select private.full_profile_student_ids());
      end if;
    end if;
  end if;
  -- Every enrolment of the class is of its school year (enrolments_class_year_fkey): cls.opened is theirs.
  return query
  select e.id, e.class_id, e.student_id, e.started_on, e.start_reason, e.ended_on, e.end_reason, e.end_note,
         s.full_name, s.student_code, s.gender, s.birth_date, shown_detail and d.student_id is not null,
         case when shown_detail then d.birth_place end, case when shown_detail then d.ethnicity end
  from public.enrolments e
  join public.students s on s.id = e.student_id
  left join public.student_details d on d.student_id = s.id
  cross join lateral (select everyone or homeroom_class or s.school_id = any (full_profile)
                             or s.id = any (detail_students) as shown_detail) v
  where e.class_id = p_class_id
    and (everyone or ((e.school_id = any (school_wide) or homeroom_class or taught_class or e.student_id = any (shown_students))
                      and (cls.opened or e.school_id = any (admin_board))));
end $$;
revoke execute on function private.class_enrolment_rows(uuid) from public, anon;
grant execute on function private.class_enrolment_rows(uuid) to authenticated, service_role;
comment on function private.class_enrolment_rows(uuid) is
  'The body of rpc/class_enrolments, security definer: a class''s enrolments with their student''s and details'' columns, limited to what the enrolments'', students'' and student_details'' policies show the caller, said once per call (20261206105000).';

create function public.class_enrolments(p_class_id uuid)
returns table (id uuid, class_id uuid, student_id uuid, started_on date, start_reason public.enrolment_start,
               ended_on date, end_reason public.enrolment_end, end_note text,
               full_name text, student_code text, gender public.gender, birth_date date, details_shown boolean, birth_place text, ethnicity text)
language sql stable set search_path = ''
as $$ select * from private.class_enrolment_rows(p_class_id) $$;
revoke execute on function public.class_enrolments(uuid) from public, anon;
grant execute on function public.class_enrolments(uuid) to authenticated, service_role;
comment on function public.class_enrolments(uuid) is
  'Xếp lớp: a class''s enrolments (ended ones too) with the student''s code, name, gender, birth date, birth place and ethnicity (details_shown: the details row exists and the caller may read it), as the caller''s policies show them; flat rows (20261206105000).';
