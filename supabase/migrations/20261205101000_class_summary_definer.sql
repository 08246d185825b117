-- Province scale (issue 13): rpc/class_summary reads the class's rows as the owner after checking who asks.
--
-- Cause: with the results kept (20261205100000) the summary of 10A1 (province, school-001) costs 6 ms as
-- the owner but 9.5–12 ms as its GVCN: every table it reads (the kept results twice — through
-- student_results' own rule and the table's policy —, enrolments, students, conduct, attendance) checks
-- the GVCN's rights row by row, each building the GVCN's student and class lists again.
--
-- Now the rows are read as the owner, once the caller's right to the class is known:
-- * public.class_summary stays security invoker and does what it did first: finds the class as the caller
--   (another school's class is "Không tìm thấy lớp", as an unknown one — no name oracle), checks the rule it
--   always had (the gradebook readers of every school, BGH / the admin board / the clerk of the class's
--   school, the class's GVCN), then calls the body.
-- * The body, its reads unchanged, is private.class_summary_json, security definer: it reads the class's students,
--   their results in it and the class's subjects without row-level checks. Callable directly by any
--   signed-in session (the wrapper runs as the caller), so it checks the same rule again first and answers
--   "Không tìm thấy lớp" to anyone else. Both ask private.reads_class_results. Inside a definer
--   function current_user is the owner, so private.reads_all_gradebooks() is true for everyone there; the
--   caller's role is read from the `role` setting instead, which SET ROLE (PostgREST's per-request role)
--   sets and a definer function does not change: private.caller_reads_all_gradebooks(), exactly as strong
--   as current_user outside.
-- tests/db/class_summary_definer.test.ts: for every demo account, every class and period, the answer —
-- summary or refusal — equals the one the body gives as a security-invoker function (the rows the caller's
-- row-level security allows): nothing more is read for anyone.

/** Whether the caller — the role PostgREST (or a session) set, not a definer function's owner — reads every
 *  gradebook: private.reads_all_gradebooks() as it would answer outside any definer function. */
create function private.caller_reads_all_gradebooks() returns boolean
language sql stable set search_path = '' as $$
  select coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user::text) in
         ('service_role', (select pg_catalog.pg_get_userbyid(c.relowner) from pg_catalog.pg_class c
                           where c.oid = 'public.score_entries'::pg_catalog.regclass))
$$;
revoke execute on function private.caller_reads_all_gradebooks() from public, anon;
grant execute on function private.caller_reads_all_gradebooks() to authenticated, service_role;

/** Whether the caller reads the results of a class (rpc/class_summary's rule): the gradebook readers of
 *  every school, BGH / the admin board / the clerk of its school, its GVCN. Security invoker; the same
 *  answer inside a definer function (the caller's role, its claims). */
create function private.reads_class_results(p_school_id uuid, p_class_id uuid) returns boolean
language sql stable set search_path = '' as $$
  select private.caller_reads_all_gradebooks()
      or p_school_id in (select private.my_school_ids(private.gradebook_school_roles()))
      or p_class_id in (select private.homeroom_class_ids())
$$;
revoke execute on function private.reads_class_results(uuid, uuid) from public, anon;
grant execute on function private.reads_class_results(uuid, uuid) to authenticated, service_role;

create function private.class_summary_json(p_class_id uuid, p_semester int) returns jsonb
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
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
  -- public.class_summary has checked the caller; a direct call learns nothing of a class it may not read.
  if not found or not private.reads_class_results(cls.school_id, p_class_id) then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
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

revoke execute on function private.class_summary_json(uuid, int) from public, anon;
grant execute on function private.class_summary_json(uuid, int) to authenticated, service_role;
comment on function private.class_summary_json(uuid, int) is
  'The body of rpc/class_summary (security definer): checks the caller''s right to the class again, then reads its students, results and subjects as the owner. Called by public.class_summary after its own check.';

create or replace function public.class_summary(p_class_id uuid, p_semester int default null) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  cls record;
begin
  select c.name, c.school_id into cls from public.classes c where c.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if not private.reads_class_results(cls.school_id, p_class_id) then
    raise exception 'Chỉ Ban giám hiệu, Ban quản trị và giáo viên chủ nhiệm lớp % xem tổng hợp kết quả của lớp', cls.name
      using errcode = '42501';
  end if;
  return private.class_summary_json(p_class_id, p_semester);
end $$;
