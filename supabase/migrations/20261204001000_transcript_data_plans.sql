-- Reading one transcript year costs the database a third of what it did (issue 14, the print benchmark):
-- 1. The TT22 builder read the subject_results view three times per year (semester I, II and the year
--    as three joins), and the view computes every subject's averages under the caller's RLS each time:
--    it is read once per year now (a materialized CTE joined three times).
-- 2. A PL/pgSQL function plans each statement with the call's values for its first five calls on a
--    connection, and the builders' statements expand into large plans under RLS (14 ms of planning per
--    call here); PostgREST spreads calls over its pool, so most calls were such custom-planned ones
--    (transcript_data 20 ms in the database). The builders plan once per connection
--    (plan_cache_mode = force_generic_plan, a function-level setting: nothing else changes): 7–8 ms.
-- Same data, same rights: security invoker as before, every value read under the caller's RLS.

/**
 * The TT22 part of a transcript's data (see transcript_data) of one student: every year at the school, or only
 * p_school_year_id, or — p_published_only — only the years whose year results are published. Security
 * invoker: what it reads is decided by the role it runs as. Not callable by clients (rpc transcript_data
 * and family_transcript_data, through private.transcript_json).
 */
create or replace function private.transcript_json_tt22(p_student_id uuid, p_school_year_id uuid, p_published_only boolean) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  st record;
  school record;
  yr record;
  years jsonb := '[]';
  corrections jsonb;
  layout record;
begin
  select s.*, d.birth_place, d.ethnicity, d.nationality, d.religion, d.hometown, d.residence, d.priority_group
    into st
  from public.students s left join public.student_details d on d.student_id = s.id
  where s.id = p_student_id;
  select o.id, o.name, o.school_level, o.code, p.name as parent_name, pp.name as grandparent_name into school
  from public.org_units o
  left join public.org_units p on p.id = o.parent_id
  left join public.org_units pp on pp.id = p.parent_id
  where o.id = st.school_id;
  select l.version, l.settings into layout
  from public.print_layouts l where l.school_id = st.school_id order by l.version desc limit 1;
  corrections := private.applied_correction_counts(p_student_id);

  for yr in
    select e.school_year_id, y.code, y.starts_on, y.ends_on, c.id as class_id, c.name as class_name, c.grade,
           public.homeroom_teacher_name(c) as homeroom_teacher,
           private.gradebook_locked(y.id, null, c.id, null) as official,
           e.started_on, e.start_reason, e.transferred_from, e.ended_on, e.end_reason
    from public.enrolments e
    join public.school_years y on y.id = e.school_year_id
    join public.classes c on c.id = e.class_id
    where e.student_id = p_student_id and e.end_reason is distinct from 'class_change'
      and (p_school_year_id is null or e.school_year_id = p_school_year_id)
      and (not p_published_only or exists (select 1 from public.result_publications p
                                           where p.class_id = e.class_id and p.semester is null and p.status = 'published'))
    order by y.starts_on
  loop
    years := years || jsonb_build_object(
      'school_year_id', yr.school_year_id, 'code', yr.code, 'starts_on', yr.starts_on, 'ends_on', yr.ends_on,
      'class_id', yr.class_id, 'class_name', yr.class_name, 'grade', yr.grade,
      'homeroom_teacher', yr.homeroom_teacher, 'official', coalesce(yr.official, false),
      'started_on', yr.started_on, 'start_reason', yr.start_reason, 'transferred_from', yr.transferred_from,
      'ended_on', yr.ended_on, 'end_reason', yr.end_reason,
      'principal', private.principal_name(yr.school_year_id),
      'subjects', (
        with res as materialized (
          select r.subject_id, r.semester, r.student_id, r.average, r.rating, r.retest_score, r.retest_rating
          from public.subject_results r where r.student_id = p_student_id and r.class_id = yr.class_id)
        select coalesce(jsonb_agg(jsonb_build_object(
                 'subject_id', sub.id, 'code', sub.code, 'name', sub.name, 'assessment_kind', sub.assessment_kind,
                 'category', sub.category, 'sort_order', sub.sort_order,
                 'sem1', r1.average, 'sem2', r2.average, 'year', ry.average,
                 'sem1_rating', r1.rating, 'sem2_rating', r2.rating, 'year_rating', ry.rating,
                 'retest_score', ry.retest_score, 'retest_rating', ry.retest_rating,
                 'exempt', (r1.student_id is null and r2.student_id is null and ry.student_id is null),
                 'comment', (select string_agg(k.comment, ' ' order by k.semester nulls last)
                             from public.subject_comments k
                             where k.student_id = p_student_id and k.school_year_id = yr.school_year_id
                               and k.subject_id = sub.id and k.comment <> ''),
                 -- Every teacher of the subject in the class that year (a subject may be split or shared).
                 'teacher', (select string_agg(distinct private.profile_name(a.teacher_id), ', ')
                             from public.teaching_assignments a
                             where a.class_id = yr.class_id and a.subject_id = sub.id and a.ended_at is null),
                 'corrected', coalesce((corrections -> yr.school_year_id::text ->> sub.id::text)::int, 0)
               ) order by sub.sort_order, sub.name), '[]')
        from public.class_subjects cs
        join public.subjects sub on sub.id = cs.subject_id and sub.category <> 'topic'
        left join res r1 on r1.subject_id = sub.id and r1.semester = 1
        left join res r2 on r2.subject_id = sub.id and r2.semester = 2
        left join res ry on ry.subject_id = sub.id and ry.semester is null
        where cs.class_id = yr.class_id),
      'results', (
        select coalesce(jsonb_object_agg(coalesce(x.semester::text, 'year'), jsonb_build_object(
                 'learning_level', x.learning_level, 'conduct_level', x.conduct_level,
                 'absences', x.absences, 'absences_excused', x.absences_excused,
                 'absences_unexcused', x.absences_unexcused,
                 'learning_after_retest', x.learning_after_retest, 'conduct_after_summer', x.conduct_after_summer,
                 'promotion', x.promotion, 'award', x.award)), '{}')
        from public.student_results x
        where x.student_id = p_student_id and x.class_id = yr.class_id),
      'homeroom_comment', (select string_agg(k.comment, ' ' order by k.semester nulls first)
                           from public.conduct_ratings k
                           where k.student_id = p_student_id and k.school_year_id = yr.school_year_id
                             and k.semester is distinct from 1 and coalesce(k.comment, '') <> '')
    );
  end loop;

  return jsonb_build_object(
    'school', jsonb_build_object('id', school.id, 'name', school.name, 'school_level', school.school_level,
                                 'code', school.code, 'parent_name', school.parent_name,
                                 'grandparent_name', school.grandparent_name),
    'layout', jsonb_build_object('version', coalesce(layout.version, 0), 'settings', coalesce(layout.settings, '{}')),
    'student', jsonb_build_object('id', st.id, 'student_code', st.student_code, 'full_name', st.full_name,
                                  'gender', st.gender, 'birth_date', st.birth_date, 'birth_place', st.birth_place,
                                  'ethnicity', st.ethnicity, 'nationality', st.nationality, 'religion', st.religion,
                                  'hometown', st.hometown, 'residence', st.residence,
                                  'priority_group', st.priority_group),
    'guardians', (select coalesce(jsonb_agg(jsonb_build_object('relationship', g.relationship, 'full_name', g.full_name,
                                                               'occupation', g.occupation) order by g.relationship, g.full_name), '[]')
                  from public.guardians g where g.student_id = p_student_id),
    'years', years,
    'today', public.app_today()
  );
end $$;

alter function private.transcript_json_tt22(uuid, uuid, boolean) set plan_cache_mode = force_generic_plan;
alter function private.transcript_json(uuid, uuid, boolean) set plan_cache_mode = force_generic_plan;
alter function private.tt27_year_json(uuid, uuid, uuid, jsonb) set plan_cache_mode = force_generic_plan;
