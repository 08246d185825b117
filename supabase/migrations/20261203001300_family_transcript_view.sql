-- Families open their own published results as a PDF marked "Bản xem – không phải bản chính" (issue 14,
-- item 6): the transcript of their child (or, for a student, their own) with only the school years whose
-- year results are published, never archived. The transcript's data is built by one function for both:
-- `private.transcript_json`, security invoker — called by rpc transcript_data as the caller (RLS decides,
-- as before), and by rpc family_transcript_data, a security definer that first checks the family link and
-- then restricts the years to the published ones (the family reads no gradebook table itself). The two
-- helpers the builder calls answer a family of the student too (and the service role: the jobs worker
-- prints a class as its recorded creator may): the correction count printed on the page and the
-- principal's name.

create or replace function private.is_family_of(p_student_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.guardians g where g.student_id = p_student_id and g.profile_id = (select auth.uid()))
      or exists (select 1 from public.students s where s.id = p_student_id and s.profile_id = (select auth.uid()))
$$;
revoke execute on function private.is_family_of(uuid) from public, anon;
grant execute on function private.is_family_of(uuid) to authenticated;

create or replace function private.applied_correction_counts(p_student_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_object_agg(y, subjects), '{}')
  from (
    select q.school_year_id::text as y, jsonb_object_agg(q.subject_id::text, n) as subjects
    from (
      select r.school_year_id, r.subject_id, count(*)::int as n
      from public.correction_items i
      join public.correction_requests r on r.id = i.request_id
      where i.student_id = p_student_id and i.applied_at is not null
      group by r.school_year_id, r.subject_id
    ) q
    group by q.school_year_id
  ) t
  where private.may_print_student(p_student_id) or private.is_family_of(p_student_id)
     or (select auth.role()) = 'service_role'
$$;

/** The principal of a school year, for the school's staff and for the families of its students. */
create or replace function private.principal_name(p_school_year_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select private.profile_name(m.profile_id)
  from public.memberships m
  where m.school_year_id = p_school_year_id and m.role = 'principal'
    and ((select auth.role()) = 'service_role'
         or m.org_unit_id in (select private.my_school_ids(private.school_staff_roles()))
         or exists (select 1 from public.enrolments e
                    where e.school_year_id = p_school_year_id and e.class_id in (select private.family_class_ids())))
  order by m.created_at
  limit 1
$$;

/**
 * The transcript's data (see transcript_data) of one student: every year at the school, or only
 * p_school_year_id, or — p_published_only — only the years whose year results are published. Security
 * invoker: what it reads is decided by the role it runs as. Not callable by clients (the two RPCs below).
 */
create function private.transcript_json(p_student_id uuid, p_school_year_id uuid, p_published_only boolean) returns jsonb
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
        left join public.subject_results r1 on r1.student_id = p_student_id and r1.class_id = yr.class_id
          and r1.subject_id = sub.id and r1.semester = 1
        left join public.subject_results r2 on r2.student_id = p_student_id and r2.class_id = yr.class_id
          and r2.subject_id = sub.id and r2.semester = 2
        left join public.subject_results ry on ry.student_id = p_student_id and ry.class_id = yr.class_id
          and ry.subject_id = sub.id and ry.semester is null
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
-- Not exposed (the private schema is not in the API); executable by authenticated so that the invoker
-- rpc transcript_data can call it as the caller.
revoke execute on function private.transcript_json(uuid, uuid, boolean) from public, anon;
grant execute on function private.transcript_json(uuid, uuid, boolean) to authenticated;

create or replace function public.transcript_data(p_student_id uuid, p_school_year_id uuid default null) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  if p_student_id is null or not private.may_print_student(p_student_id) then
    raise exception 'Bạn không có quyền in học bạ của học sinh này.' using errcode = '42501';
  end if;
  return private.transcript_json(p_student_id, p_school_year_id, false);
end $$;

/**
 * A family's view of a transcript: the student's guardian (linked account) or the student, only the
 * years whose year results are published. Anyone else: "Bạn không có quyền xem học bạ của học sinh
 * này." Security definer (families read no gradebook table): the link is checked first, and the builder
 * then keeps only published years. Cost: as transcript_data.
 */
create function public.family_transcript_data(p_student_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_student_id is null or not private.is_family_of(p_student_id) then
    raise exception 'Bạn không có quyền xem học bạ của học sinh này.' using errcode = '42501';
  end if;
  return private.transcript_json(p_student_id, null, true);
end $$;
revoke execute on function public.family_transcript_data(uuid) from public, anon;
grant execute on function public.family_transcript_data(uuid) to authenticated;
