-- The gradebook sheet, for corrections and both regimes:
--   * why it is frozen (`locked_reason`: a lock, or the class's results proposed, approved or
--     published), which of its cells the caller may correct now (`corrections`: the items of their open
--     unlock), and each entry's `correction_request_id`;
--   * its assessment regime, so one grid serves both: tt27 for a primary subject (entries carry level
--     T/H/C, test score and comment; `tests` says at which of gk/ck the subject has a periodic test in
--     that grade and semester), tt22 otherwise. Saves of a tt27 sheet go through rpc/save_primary_entries.
create or replace function public.gradebook_sheet(p_class_id uuid, p_subject_id uuid, p_semester int) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  cls record;
  sub record;
  students jsonb;
  frozen text;
begin
  select c.id, c.name, c.grade, c.school_id, c.school_year_id, y.code as year_code, y.max_regular_assessments into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found then
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
  if not private.reads_gradebook(cls.school_id, p_class_id, p_subject_id) then
    raise exception 'Bạn không được phân công dạy môn % lớp %: không xem được sổ điểm này', sub.name, cls.name
      using errcode = '42501';
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
                         and x.semester is not distinct from p_semester),
           'average', r.average, 'rating', r.rating)
         order by st.given_name, st.family_name, st.middle_name, st.student_code), '[]')
  into students
  from (select distinct e.student_id from public.enrolments e where e.class_id = p_class_id) e
  join public.students st on st.id = e.student_id
  left join public.subject_results r on r.student_id = st.id and r.subject_id = p_subject_id
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
    -- The cells the caller may correct now (an open unlock of their approved request) and until when.
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
comment on function public.gradebook_sheet(uuid, uuid, int) is
  'One gradebook sheet (class × subject × semester, null = re-test) with entries, versions, averages, lock state and whether the caller may save. Readers of that gradebook; one class.';
revoke execute on function public.gradebook_sheet(uuid, uuid, int) from public, anon;
grant execute on function public.gradebook_sheet(uuid, uuid, int) to authenticated, service_role;
