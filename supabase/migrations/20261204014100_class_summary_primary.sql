-- Tổng hợp kết quả lớp for a primary class (issue 18, item 4). rpc/class_summary read student_results,
-- which holds TT22 results only (subject_results skips primary subjects), so for 3A it answered every
-- pupil with empty levels, no absences and the TT22 keys (học lực, hạnh kiểm), and the screen showed TT22
-- columns. Now the answer says its regime: 'tt22' as before (the same keys, unchanged), or 'tt27' for a
-- class of a primary school, where each pupil carries, for the period (semester I = cuối học kỳ I; the
-- year or semester II = cuối năm), each subject's level T/H/C and periodic test score (`levels`, exempt
-- subjects flagged), the counts of the 15 qualities and competencies by level (`qualities`), absences
-- (from attendance, as student_results counts them) and, at the end of the year, the year result and
-- programme completion from public.primary_results — the one place the TT27 rule functions
-- (tt27_year_result, tt27_programme_completion) are applied to a class, so the quality sheet, the class
-- gradebook and this summary agree. The TT22 keys stay on every pupil (null, or 0 for absences before)
-- so the screens that only need the roster (attendance, quality sheet: shared/roster.ts) read both.
-- Who may call it is unchanged. Re-created with the generic-plan setting of 20261203000800.
create or replace function public.class_summary(p_class_id uuid, p_semester int default null) returns jsonb
language plpgsql stable set search_path = '' set plan_cache_mode = force_generic_plan
as $$
declare
  cls record;
  subjects jsonb;
  students jsonb;
  -- TT27 has no separate semester II result: its end is the end of the year (kind ck of semester 2).
  sem int := coalesce(p_semester, 2);
  period text := case when p_semester = 1 then 'ck1' else 'cn' end;
begin
  select c.id, c.name, c.grade, c.school_id, c.school_year_id, y.code as year_code, o.school_level = 'primary' as primary_school
  into cls
  from public.classes c
  join public.school_years y on y.id = c.school_year_id
  join public.org_units o on o.id = c.school_id
  where c.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if not (private.reads_all_gradebooks()
          or cls.school_id in (select private.my_school_ids(private.gradebook_school_roles()))
          or p_class_id in (select private.homeroom_class_ids())) then
    raise exception 'Chỉ Ban giám hiệu, Ban quản trị và giáo viên chủ nhiệm lớp % xem tổng hợp kết quả của lớp', cls.name
      using errcode = '42501';
  end if;

  select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name, 'assessment_kind', s.assessment_kind)
                              || case when cls.primary_school
                                      then jsonb_build_object('tested', public.tt27_test_required(s.code, cls.grade, period))
                                      else '{}' end
                            order by s.sort_order, s.name), '[]')
  into subjects
  from public.class_subjects cs join public.subjects s on s.id = cs.subject_id
  where cs.class_id = p_class_id and s.category <> 'topic';

  if not cls.primary_school then
    -- TT22: student_results carries each subject's values, so the subject results are computed once.
    select coalesce(jsonb_agg(jsonb_build_object(
             'student_id', st.id, 'student_code', st.student_code, 'full_name', st.full_name,
             'results', coalesce(sr.subjects, '{}'),
             'learning_level', sr.learning_level, 'conduct_level', sr.conduct_level,
             'absences', coalesce(sr.absences, 0), 'absences_excused', coalesce(sr.absences_excused, 0),
             'absences_unexcused', coalesce(sr.absences_unexcused, 0),
             'learning_after_retest', sr.learning_after_retest, 'conduct_after_summer', sr.conduct_after_summer,
             'promotion', sr.promotion, 'award', sr.award)
           order by st.given_name, st.family_name, st.middle_name, st.student_code), '[]')
    into students
    from (select distinct e.student_id from public.enrolments e
          where e.class_id = p_class_id and e.end_reason is distinct from 'class_change') e
    join public.students st on st.id = e.student_id
    left join public.student_results sr on sr.student_id = st.id and sr.class_id = p_class_id
      and sr.semester is not distinct from p_semester;
  else
    select coalesce(jsonb_agg(jsonb_build_object(
             'student_id', st.id, 'student_code', st.student_code, 'full_name', st.full_name,
             'results', '{}'::jsonb,
             'learning_level', null, 'conduct_level', null, 'learning_after_retest', null, 'conduct_after_summer', null,
             'promotion', null, 'award', null,
             'absences', ab.absences, 'absences_excused', ab.excused, 'absences_unexcused', ab.absences - ab.excused,
             'levels', lv.levels, 'qualities', q.counts,
             'year_result', r.year_result, 'completion', r.completion)
           order by st.given_name, st.family_name, st.middle_name, st.student_code), '[]')
    into students
    from (select distinct e.student_id from public.enrolments e
          where e.class_id = p_class_id and e.end_reason is distinct from 'class_change') e
    join public.students st on st.id = e.student_id
    cross join lateral (
      select count(*)::int as absences, count(*) filter (where d.excused)::int as excused
      from public.attendance d
      where d.student_id = st.id and d.school_year_id = cls.school_year_id and (p_semester is null or d.semester = p_semester)
    ) ab
    cross join lateral (
      select coalesce(jsonb_object_agg(cs.subject_id, jsonb_build_object('level', x.level, 'score', x.score, 'exempt', ex.exempt)), '{}') as levels
      from public.class_subjects cs
      join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
      left join public.score_entries x on x.student_id = st.id and x.subject_id = cs.subject_id
        and x.school_year_id = cls.school_year_id and x.semester = sem and x.kind = 'ck' and x.seq = 1
      cross join lateral (
        select exists (select 1 from public.subject_exemptions z
                       where z.student_id = st.id and z.subject_id = cs.subject_id and z.school_year_id = cls.school_year_id
                         and (z.semester is null or z.semester = sem)) as exempt
      ) ex
      where cs.class_id = p_class_id
    ) lv
    cross join lateral (
      select jsonb_build_object('tot', count(*) filter (where k.level = 'tot'), 'dat', count(*) filter (where k.level = 'dat'),
                                'ccg', count(*) filter (where k.level = 'ccg')) as counts
      from public.quality_ratings k
      where k.student_id = st.id and k.school_year_id = cls.school_year_id and k.semester = sem and k.kind = 'ck'
    ) q
    left join public.primary_results r on p_semester is distinct from 1 and r.student_id = st.id and r.class_id = p_class_id;
  end if;

  return jsonb_build_object(
    'regime', case when cls.primary_school then 'tt27' else 'tt22' end,
    'class', jsonb_build_object('id', cls.id, 'name', cls.name, 'grade', cls.grade, 'school_year_id', cls.school_year_id, 'school_year_code', cls.year_code),
    'semester', p_semester, 'subjects', subjects, 'students', students);
end $$;
comment on function public.class_summary(uuid, int) is
  'Tổng hợp kết quả lớp for a semester or the year (null), regime tt22 or tt27. TT22: every subject result, learning and conduct levels, absences, promotion and award per student. TT27 (a primary school''s class): per pupil each subject''s end-of-period level and test score, the qualities and competencies by level, absences, and for the year (or semester II) the year result and programme completion (primary_results). BGH, admin board, clerk, the GVCN; one class.';
