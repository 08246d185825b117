-- Province scale (issue 13): rpc/gradebook_sheet reads the class's rows as the owner once the caller's
-- right to the sheet is known, as rpc/class_summary does since 20261205101000.
--
-- Cause: the sheet a subject teacher opens most cost them 3.1–4.4 ms in SQL (one transaction per call, as
-- PostgREST runs it) against 1.6 ms for the service role, and 1.3–1.5× the service role's time over HTTP on
-- both presets: five tables (enrolments, students, exemptions, entries, the kept results) each asked the
-- teacher's rights of every row, building the teacher's taught classes, taught students and homeroom
-- students again per table — about fifteen helper calls per request, the same on 20 and 200 schools.
--
-- * public.gradebook_sheet stays security invoker and does what it did first, as the caller: finds the
--   class ("Không tìm thấy lớp" for another school's class, as for an unknown one), finds the subject among
--   the class's, checks the semester, and checks the rule it always had, private.reads_gradebook (the
--   predicate of the entries' policy asked of one sheet), with the same refusals. Then it calls the body.
-- * The body, private.gradebook_sheet_json, is security definer: it checks the same rule again (it can be
--   called directly, and answers "Không tìm thấy lớp" to whoever may not read the sheet) and reads as the
--   owner what the caller's policies let them read, said once instead of per row:
--   - the class's enrolments, its pupils, their exemptions and the class's kept results of the subject:
--     every such row passes its policy for anyone the rule admits (the school's board — whose roles are
--     among the school-wide ones —, the class's GVCN, whose homeroom pupils they are, a teacher of the
--     class and subject, who teaches every pupil enrolled in it, and the service role), except that the
--     enrolments of a school year not yet opened are the admin board's only (the enrolments' policy);
--   - the entries: their policy is narrower for a subject teacher — an entry is theirs when recorded in a
--     class where they teach the subject, so a pupil's entries recorded in another class before a class
--     change are not — and is applied here as written: the board of the entry's school (one school: the
--     pupil's), the classes where the caller teaches this subject, the caller's homeroom pupils.
--   Inside a definer function current_user is the owner, so private.reads_all_gradebooks() is true there
--   for everyone; private.reads_gradebook now asks private.caller_reads_all_gradebooks() (20261205101000:
--   the `role` setting PostgREST's SET ROLE makes, as strong as current_user outside a definer function),
--   so it answers the same inside the body as in the wrapper.
-- tests/db/gradebook_sheet_definer.test.ts: for every demo account, every class and subject and semester
-- (and the re-test sheet), the answer — sheet or refusal — equals the answer of the former function (the
-- previous migration's text, run in a rolled-back transaction, reading under the caller's row-level
-- security), with a pupil's entries recorded in another class added first, so the narrower entry rule is
-- exercised.

create or replace function private.reads_gradebook(p_school_id uuid, p_class_id uuid, p_subject_id uuid) returns boolean
language plpgsql stable security invoker set search_path = ''
as $$ begin
  return private.caller_reads_all_gradebooks()
      or p_school_id in (select private.my_school_ids(private.gradebook_school_roles()))
      or exists (select 1 from private.taught_class_subjects() t where t.class_id = p_class_id and t.subject_id = p_subject_id)
      or p_class_id in (select private.homeroom_class_ids());
end $$;

create function private.gradebook_sheet_json(p_class_id uuid, p_subject_id uuid, p_semester int) returns jsonb
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
declare
  cls record;
  sub record;
  students jsonb;
  frozen text;
  -- What the caller's policies let them read (see the header).
  enrolments_shown boolean;
  every_entry boolean;
  taught_classes uuid[] := '{}';
  homeroom_students uuid[] := '{}';
begin
  select c.id, c.name, c.grade, c.school_id, c.school_year_id, y.code as year_code, y.max_regular_assessments,
         y.opened_at is not null as opened
  into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found or not private.reads_gradebook(cls.school_id, p_class_id, p_subject_id) then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  select s.id, s.code, s.name, s.assessment_kind, s.category, s.school_level, cs.periods_per_year into sub
  from public.subjects s join public.class_subjects cs on cs.subject_id = s.id and cs.class_id = p_class_id
  where s.id = p_subject_id;
  if not found then
    raise exception 'Lớp % không học môn này', cls.name using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;

  enrolments_shown := cls.opened or private.caller_reads_all_gradebooks()
                      or cls.school_id in (select private.my_school_ids('{admin_board}'));
  every_entry := private.caller_reads_all_gradebooks()
                 or cls.school_id in (select private.my_school_ids(private.gradebook_school_roles()));
  if not every_entry then
    taught_classes := array(select t.class_id from private.taught_class_subjects() t where t.subject_id = p_subject_id);
    homeroom_students := array(select private.homeroom_student_ids());
  end if;

  select coalesce(jsonb_agg(jsonb_build_object(
           'student_id', st.id, 'student_code', st.student_code, 'full_name', st.full_name,
           'exempt', exists (select 1 from public.subject_exemptions x
                             where x.student_id = st.id and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id
                               and (x.semester is null or x.semester is not distinct from p_semester)),
           'entries', (select coalesce(jsonb_agg(jsonb_build_object(
                          'id', x.id, 'kind', x.kind, 'correction_request_id', x.correction_request_id, 'seq', x.seq, 'score', x.score, 'rating', x.rating,
                          'is_makeup', x.is_makeup, 'level', x.level, 'comment', x.comment, 'version', x.version) order by x.kind, x.seq), '[]')
                       from public.score_entries x
                       where x.student_id = st.id and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id
                         and x.semester is not distinct from p_semester
                         and (every_entry or x.class_id = any (taught_classes) or x.student_id = any (homeroom_students))),
           'average', r.average, 'rating', r.rating)
         order by st.given_name, st.family_name, st.middle_name, st.student_code), '[]')
  into students
  from (select distinct e.student_id from public.enrolments e where e.class_id = p_class_id and enrolments_shown) e
  join public.students st on st.id = e.student_id
  left join private.subject_results_kept r on r.student_id = st.id and r.subject_id = p_subject_id
    and r.school_year_id = cls.school_year_id and r.class_id = p_class_id and r.semester is not distinct from p_semester;

  frozen := private.cell_frozen(cls.school_year_id, p_semester, p_class_id, p_subject_id);
  return jsonb_build_object(
    'class', jsonb_build_object('id', cls.id, 'name', cls.name, 'school_year_id', cls.school_year_id, 'school_year_code', cls.year_code),
    'subject', jsonb_build_object('id', sub.id, 'code', sub.code, 'name', sub.name, 'assessment_kind', sub.assessment_kind),
    'semester', p_semester,
    'periods_per_year', sub.periods_per_year,
    -- The assessment regime: tt27 (primary: levels T/H/C at gk and ck, tests where required) or tt22.
    'regime', case when sub.school_level = 'primary' then 'tt27' else 'tt22' end,
    'grade', cls.grade,
    'tests', case when sub.school_level = 'primary' and p_semester is not null then jsonb_build_object(
               'gk', public.tt27_test_required(sub.code, cls.grade, private.tt27_period(p_semester, 'gk')),
               'ck', public.tt27_test_required(sub.code, cls.grade, private.tt27_period(p_semester, 'ck'))) end,
    'required_regular', public.required_regular_assessments(sub.periods_per_year),
    'max_regular', greatest(cls.max_regular_assessments, public.required_regular_assessments(sub.periods_per_year)),
    'locked', frozen is not null,
    'locked_reason', frozen,
    -- The cells the caller may correct now (an open unlock of their approved request) and until when:
    -- their own requests, which they always read.
    'corrections', (select coalesce(jsonb_agg(jsonb_build_object(
                      'request_id', q.id, 'student_id', i.student_id, 'kind', i.kind, 'seq', i.seq,
                      'value', private.entry_value_text(i.proposed_score, i.proposed_rating),
                      'applied', i.applied_at is not null, 'ends_at', q.unlock_ends_at)), '[]')
                    from public.correction_requests q join public.correction_items i on i.request_id = q.id
                    where q.class_id = p_class_id and q.subject_id = p_subject_id and q.semester is not distinct from p_semester
                      and q.requested_by = (select auth.uid()) and q.status in ('unlocked', 'edited')
                      and q.unlock_ends_at > clock_timestamp()),
    'can_edit', case when p_semester is null then p_class_id in (select private.homeroom_class_ids())
                     else private.teaches(p_class_id, p_subject_id, p_semester) end,
    'students', students);
end $$;
revoke execute on function private.gradebook_sheet_json(uuid, uuid, int) from public, anon;
grant execute on function private.gradebook_sheet_json(uuid, uuid, int) to authenticated, service_role;
comment on function private.gradebook_sheet_json(uuid, uuid, int) is
  'The body of rpc/gradebook_sheet, security definer: checks private.reads_gradebook again ("Không tìm thấy lớp" otherwise) and reads the sheet''s rows as the owner, limited to what the caller''s policies show (20261206104000).';

create or replace function public.gradebook_sheet(p_class_id uuid, p_subject_id uuid, p_semester int) returns jsonb
language plpgsql stable set search_path = '' set plan_cache_mode = force_generic_plan
as $$
declare
  cls record;
  sub record;
begin
  select c.id, c.name, c.school_id into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  select s.id, s.name into sub
  from public.subjects s join public.class_subjects cs on cs.subject_id = s.id and cs.class_id = p_class_id
  where s.id = p_subject_id;
  if not found then
    raise exception 'Lớp % không học môn này', cls.name using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if not private.reads_gradebook(cls.school_id, p_class_id, p_subject_id) then
    raise exception 'Bạn không được phân công dạy môn % lớp %: không xem được sổ điểm này', sub.name, cls.name
      using errcode = '42501';
  end if;
  return private.gradebook_sheet_json(p_class_id, p_subject_id, p_semester);
end $$;
