-- Printing official documents (issue 14), first part: who may print a student's transcript (học bạ), the
-- per-school print layout record, and the one RPC the `print` edge function reads a transcript from.
--
-- The function calls `transcript_data` AS THE CALLER: the grades, results, comments and names come from
-- the same RLS-protected tables and views the screens read, so RLS decides what can appear. Reading is
-- not printing, though: a subject teacher reads his subject's column of a class but may not print the
-- class's transcripts (the matrix: the admin board and the clerk print their school's; a GVCN the
-- current homeroom class's). The RPC therefore refuses first, with one sentence that names nothing.
-- The only value read beyond the caller's RLS is the number of applied corrections per subject (the
-- page footer "Trong trang này có sửa chữa ở … chỗ"): the clerk does not read correction requests, but
-- the count is printed on the document she may print, so `private.applied_correction_counts` gives it
-- after the print check and nothing else of the requests; `private.principal_name` gives the school's
-- staff the name of their principal, printed under every "Hiệu trưởng".

create table public.print_layouts (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  version integer not null check (version >= 1),
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
  note text,
  created_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_id, version)
);
comment on table public.print_layouts is
  'Per-school print layout: labels, subject order, place-name lines over the national defaults (in code). '
  'Append-only: a document names the version it was rendered with, so it can be re-rendered byte for byte; '
  'no version means the national defaults (version 0).';
alter table public.print_layouts enable row level security;
grant select, insert on public.print_layouts to authenticated;
grant all on public.print_layouts to service_role;

create policy print_layouts_select on public.print_layouts for select to authenticated
  using (school_id in (select private.my_school_ids(private.school_staff_roles())));
comment on policy print_layouts_select on public.print_layouts is 'The school''s staff read its print layouts.';
create policy print_layouts_insert on public.print_layouts for insert to authenticated
  with check (school_id in (select private.my_school_ids('{admin_board}')) and created_by = (select auth.uid()));
comment on policy print_layouts_insert on public.print_layouts is
  'The admin board adds a new layout version for its school; versions are never changed or deleted.';

/** True when the caller may print this student's documents: the admin board or the clerk of the
    student's school (this year's membership), or the GVCN of the class the student is in this year.
    Security definer (reads memberships and classes beyond the caller); one indexed probe per call. */
create function private.may_print_student(p_student_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.students s
    where s.id = p_student_id and s.school_id in (select private.my_school_ids('{admin_board,clerk}'))
  ) or exists (
    select 1 from public.enrolments e
    join public.classes c on c.id = e.class_id
    where e.student_id = p_student_id
      and e.end_reason is null
      and c.homeroom_teacher_id = (select auth.uid())
      and c.school_year_id = private.current_school_year_id(c.school_id)
      and c.school_year_id in (select private.my_year_ids('{homeroom_teacher}'))
  )
$$;
revoke execute on function private.may_print_student(uuid) from public, anon;
grant execute on function private.may_print_student(uuid) to authenticated;

/** Applied corrections of one student, per school year and subject: {year_id: {subject_id: n}}. Only
    counts, and only for a caller who may print the student (an empty object otherwise). Security definer:
    correction requests are read by BGH, the admin board, the requester and the GVCN, not by the clerk. */
create function private.applied_correction_counts(p_student_id uuid) returns jsonb
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
  where private.may_print_student(p_student_id)
$$;
revoke execute on function private.applied_correction_counts(uuid) from public, anon;
grant execute on function private.applied_correction_counts(uuid) to authenticated;

/** The name of the principal of a school year (the signer printed under "Hiệu trưởng"), for the
    school's own staff; null for anyone else. Security definer: the clerk and teachers do not read
    memberships, but every document they print names the principal. */
create function private.principal_name(p_school_year_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select private.profile_name(m.profile_id)
  from public.memberships m
  where m.school_year_id = p_school_year_id and m.role = 'principal'
    and m.org_unit_id in (select private.my_school_ids(private.school_staff_roles()))
  order by m.created_at
  limit 1
$$;
revoke execute on function private.principal_name(uuid) from public, anon;
grant execute on function private.principal_name(uuid) to authenticated;

/**
 * Everything a transcript (học bạ) of one student prints, as one JSON document: the school, the layout
 * record, the student's identity and guardians, the QUÁ TRÌNH HỌC TẬP lines, and per school year (all
 * the student's years at this school, or only p_school_year_id) the class, the subjects with semester,
 * year and re-test values and comments, the results per semester and year (conduct, learning,
 * absences, re-test, summer training, promotion, award), the GVCN's comment, the applied-correction
 * counts, and whether the year is final (`official`: the year is locked for the class) or a draft.
 * Who may call it: whoever may print the student (private.may_print_student); anyone else gets one
 * refusal that says nothing about the student. Security invoker: every value is read under the caller's
 * RLS. Cost: one student's rows (the result views are computed for that student only), ~10–30 ms.
 */
create function public.transcript_data(p_student_id uuid, p_school_year_id uuid default null) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  st record;
  school record;
  yr record;
  years jsonb := '[]';
  corrections jsonb;
  layout record;
begin
  if p_student_id is null or not private.may_print_student(p_student_id) then
    raise exception 'Bạn không có quyền in học bạ của học sinh này.' using errcode = '42501';
  end if;
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
                 'teacher', (select public.teacher_name(a) from public.teaching_assignments a
                             where a.class_id = yr.class_id and a.subject_id = sub.id and a.ended_at is null
                             order by a.to_semester desc nulls first limit 1),
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
revoke execute on function public.transcript_data(uuid, uuid) from public, anon;
grant execute on function public.transcript_data(uuid, uuid) to authenticated;
comment on function public.transcript_data(uuid, uuid) is
  'The data of a student''s transcript (whole, or one school year), read as the caller; refused unless the '
  'caller may print the student (admin board, clerk, the current GVCN).';
