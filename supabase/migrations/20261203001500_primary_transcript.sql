-- The primary transcript (học bạ tiểu học, TT27) in the print data (issue 14, item 1): each year of a
-- primary school gets a `tt27` object — height and weight, absences (excused / unexcused), each subject's
-- end-of-year level, test score and comment, the 15 qualities and competencies with their end-of-year
-- levels and the GVCN's merged comments, the year result and programme completion — next to the TT22
-- keys, which stay (empty for a primary year). The builder is wrapped rather than rewritten: the TT22
-- part is private.transcript_json_tt22 (the former private.transcript_json), and private.transcript_json
-- adds the TT27 objects for a primary school. Security invoker as before: every value is read under the
-- caller's RLS (rpc transcript_data), or after the family check (rpc family_transcript_data, definer).
-- The year result is computed here with the rule functions from the same rows the page prints (not read
-- from primary_results, whose reader filter answers staff only), so the page and its result agree.

alter function private.transcript_json(uuid, uuid, boolean) rename to transcript_json_tt22;

/** One primary year of a student's transcript (TT27's three pages), read as the caller. */
/** p_corrections: the year's applied-correction counts by subject (private.applied_correction_counts). */
create function private.tt27_year_json(p_student_id uuid, p_school_year_id uuid, p_class_id uuid, p_corrections jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  grade int := (select c.grade from public.classes c where c.id = p_class_id);
  subjects jsonb;
  qualities jsonb;
  result text;
  measures record;
  absences record;
begin
  select coalesce(jsonb_agg(jsonb_build_object(
           'subject_id', s.id, 'code', s.code, 'name', s.name, 'sort_order', s.sort_order,
           'level', x.level, 'score', x.score, 'comment', x.comment,
           'tested', public.tt27_test_required(s.code, grade, 'cn'),
           'exempt', exists (select 1 from public.subject_exemptions ex where ex.student_id = p_student_id
                               and ex.subject_id = s.id and ex.school_year_id = p_school_year_id),
           'teacher', (select string_agg(distinct private.profile_name(a.teacher_id), ', ')
                       from public.teaching_assignments a
                       where a.class_id = p_class_id and a.subject_id = s.id and a.ended_at is null),
           'corrected', coalesce((p_corrections ->> s.id::text)::int, 0)
         ) order by s.sort_order, s.name), '[]')
    into subjects
  from public.class_subjects cs
  join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
  left join public.score_entries x on x.student_id = p_student_id and x.subject_id = s.id
    and x.school_year_id = p_school_year_id and x.semester = 2 and x.kind = 'ck'
  where cs.class_id = p_class_id;

  select jsonb_agg(jsonb_build_object('code', q.code, 'level', r.level, 'comment', r.comment) order by q.i)
    into qualities
  from unnest(public.tt27_quality_codes()) with ordinality q (code, i)
  left join public.quality_ratings r on r.student_id = p_student_id and r.school_year_id = p_school_year_id
    and r.semester = 2 and r.kind = 'ck' and r.code = q.code;

  result := public.tt27_year_result(
    (select array_agg(e ->> 'level' order by (e ->> 'sort_order')::int) from jsonb_array_elements(subjects) e where not (e ->> 'exempt')::boolean),
    (select array_agg(e ->> 'level') from jsonb_array_elements(qualities) e),
    (select array_agg((e ->> 'score')::numeric::int) from jsonb_array_elements(subjects) e
     where (e ->> 'tested')::boolean and not (e ->> 'exempt')::boolean));

  select m.height_cm, m.weight_kg into measures
  from public.student_measures m where m.student_id = p_student_id and m.school_year_id = p_school_year_id;
  select count(*) filter (where a.excused)::int as excused, count(*) filter (where not a.excused)::int as unexcused into absences
  from public.attendance a where a.student_id = p_student_id and a.school_year_id = p_school_year_id;

  return jsonb_build_object(
    'height_cm', measures.height_cm,
    'weight_kg', measures.weight_kg,
    'absences_excused', absences.excused,
    'absences_unexcused', absences.unexcused,
    'subjects', subjects,
    'qualities', qualities,
    'year_result', result,
    'completion', public.tt27_programme_completion(result, grade));
end $$;
revoke execute on function private.tt27_year_json(uuid, uuid, uuid, jsonb) from public, anon;
grant execute on function private.tt27_year_json(uuid, uuid, uuid, jsonb) to authenticated, service_role;

create function private.transcript_json(p_student_id uuid, p_school_year_id uuid, p_published_only boolean) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  doc jsonb := private.transcript_json_tt22(p_student_id, p_school_year_id, p_published_only);
  corrections jsonb;
begin
  if doc #>> '{school,school_level}' is distinct from 'primary' then
    return doc;
  end if;
  corrections := private.applied_correction_counts(p_student_id);
  return jsonb_set(doc, '{years}', coalesce((
    select jsonb_agg(y || jsonb_build_object('tt27', private.tt27_year_json(p_student_id, (y ->> 'school_year_id')::uuid,
                                                                              (y ->> 'class_id')::uuid, corrections -> (y ->> 'school_year_id'))) order by n)
    from jsonb_array_elements(doc -> 'years') with ordinality t (y, n)), '[]'));
end $$;
revoke execute on function private.transcript_json(uuid, uuid, boolean) from public, anon;
grant execute on function private.transcript_json(uuid, uuid, boolean) to authenticated, service_role;
comment on function private.transcript_json(uuid, uuid, boolean) is
  'A transcript''s data (rpc transcript_data, family_transcript_data, job_transcript_data): the TT22 builder, plus a tt27 object per year for a primary school.';
