-- private.reads_all_gradebooks() decides who the result views answer for the whole school. It trusted
-- two things any SQL session can set (issue 11, finding 9): the setting sdt.reads_all_gradebooks, which
-- rpc/my_results and the completeness check of rpc/advance_results turned on around their reads, and the
-- `role` claim of request.jwt.claims. Over HTTP a client sets neither (PostgREST puts the verified
-- token's claims there and exposes no set_config), but every SQL session of an API role could — the
-- session PostgREST opens for each request, any integration connecting with `authenticated` — and
-- there gv.toan's session, with `set sdt.reads_all_gradebooks = on` or a claim role of service_role,
-- read class_summary and student_results of 10A1, which the views refuse him, computed from the one
-- subject he reads: wrong results presented as the school's.
--
-- Now it trusts only who the session is, which no caller can choose: current_user is the service role
-- (PostgREST with the service key sets role service_role), or the owner of the gradebook tables — which
-- is what a security-definer function of this schema runs as (rpc/my_results, the completeness check)
-- and a maintenance session (the seed) is. API callers run as anon or authenticated and cannot become
-- either. private.reads_gradebook, called by the security-invoker gradebook_sheet, becomes security
-- invoker itself, so it sees the caller's role (as a security-definer function it would see the
-- owner's). The setting is no longer read or written anywhere.

create or replace function private.reads_all_gradebooks() returns boolean
language sql stable set search_path = ''
as $$
  select current_user = 'service_role'
      or current_user = (select pg_catalog.pg_get_userbyid(c.relowner) from pg_catalog.pg_class c
                         where c.oid = 'public.score_entries'::pg_catalog.regclass)
$$;
comment on function private.reads_all_gradebooks() is
  'Whether the current role reads every gradebook result: the service role, or the owner of the gradebook tables (security-definer functions of this schema, maintenance sessions). Not a setting or a claim: nothing an API caller can set. Cost: one catalogue lookup.';

-- Whether the caller reads the gradebook of (class, subject): the predicate of score_entries_select,
-- asked of one sheet. Security invoker (see above). Cost: the helpers' index scans.
create or replace function private.reads_gradebook(p_school_id uuid, p_class_id uuid, p_subject_id uuid) returns boolean
language plpgsql stable security invoker set search_path = ''
as $$ begin
  return private.reads_all_gradebooks()
      or p_school_id in (select private.my_school_ids(private.gradebook_school_roles()))
      or exists (select 1 from private.taught_class_subjects() t where t.class_id = p_class_id and t.subject_id = p_subject_id)
      or p_class_id in (select private.homeroom_class_ids());
end $$;

-- What is still missing before a class's results of a period can be proposed (as 20261122002202): it
-- runs as the owner, so the views answer for the whole class without a setting.
create or replace function private.missing_results(p_class_id uuid, p_semester int) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  subjects_missing text;
  conduct_missing int;
begin
  select string_agg(s.name || ' (' || n || ' học sinh)', ', ' order by s.sort_order, s.name) into subjects_missing
  from (select r.subject_id, count(*) as n from public.subject_results r
        where r.class_id = p_class_id and r.semester is not distinct from p_semester
          and r.average is null and r.rating is null
        group by r.subject_id) m
  join public.subjects s on s.id = m.subject_id;
  select count(*) into conduct_missing from public.student_results r
  where r.class_id = p_class_id and r.semester is not distinct from p_semester and r.conduct_level is null;
  return concat_ws('; ',
    case when subjects_missing is not null then 'chưa đủ điểm: ' || subjects_missing end,
    case when conduct_missing > 0 then 'chưa đánh giá rèn luyện: ' || conduct_missing || ' học sinh' end);
end $$;

-- rpc/my_results (as 20261122002202): runs as the owner, so the views answer without a setting; what
-- it returns is limited to the caller's children (or the caller) and published periods, as before.
create or replace function public.my_results() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  pd record;
  r record;
  out jsonb := '[]';
begin
  -- One period at a time: with the student and class as plain values the view is computed for that
  -- one student (a join would compute it for the whole school first: seconds instead of milliseconds).
  for pd in
    with mine as (
      select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
      union
      select s.id from public.students s where s.profile_id = (select auth.uid())
    )
    select distinct m.student_id, st.full_name, st.student_code, p.id as publication_id, p.class_id, c.name as class_name,
           p.semester, p.published_at, y.code as year_code
    from mine m
    join public.students st on st.id = m.student_id
    join public.enrolments e on e.student_id = m.student_id and e.end_reason is distinct from 'class_change'
    join public.result_publications p on p.class_id = e.class_id and p.status = 'published'
    join public.classes c on c.id = p.class_id
    join public.school_years y on y.id = p.school_year_id
    order by st.full_name, y.code desc, p.semester nulls last
  loop
    select * into r from public.student_results x
    where x.student_id = pd.student_id and x.class_id = pd.class_id and x.semester is not distinct from pd.semester;
    out := out || jsonb_build_object(
      'student_id', pd.student_id, 'full_name', pd.full_name, 'student_code', pd.student_code,
      'school_year_code', pd.year_code, 'class_name', pd.class_name, 'semester', pd.semester, 'published_at', pd.published_at,
      'learning_level', r.learning_level, 'conduct_level', r.conduct_level, 'absences', r.absences,
      'absences_excused', r.absences_excused, 'absences_unexcused', r.absences_unexcused,
      'learning_after_retest', r.learning_after_retest, 'conduct_after_summer', r.conduct_after_summer,
      'promotion', r.promotion, 'award', r.award,
      'subjects', (select coalesce(jsonb_agg(jsonb_build_object('name', s.name, 'assessment_kind', s.assessment_kind,
                                                               'average', v -> 'average', 'rating', v -> 'rating',
                                                               'final_average', v -> 'final_average', 'final_rating', v -> 'final_rating')
                                             order by s.sort_order, s.name), '[]')
                   from jsonb_each(r.subjects) j (k, v) join public.subjects s on s.id = j.k::uuid),
      'revisions', (select count(*) from public.result_publication_events ev
                    where ev.publication_id = pd.publication_id and ev.action = 'revise'));
  end loop;
  return out;
end $$;
