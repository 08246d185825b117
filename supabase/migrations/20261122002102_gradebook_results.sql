-- Results of the secondary gradebook, computed in the database from the entries with the TT22 rule
-- functions of 20261122002000 (the one implementation), read-only to every client: they are views, so a
-- result is never stale and nothing but the entries can change it.
--   subject_results: per student, subject, year and semester (null = the year): ĐTBmhk / ĐTBmcn, or the
--                    Đạt / Chưa đạt of a comment-only subject; year rows add the re-test and the final
--                    value after it. Null until every required entry exists.
--   student_results: per student, year and semester (null = the year): learning level (with the
--                    one-subject adjustment), conduct level (year rule), absences; year rows add the
--                    levels after re-test / summer training, the promotion decision and the award.
-- A student's class for the year is their enrolment that was not ended by a class change (entries of
-- the whole year count wherever they were entered). Learning topics are assessed within their subject
-- and left out; so are subjects a student is exempt from (a one-semester exemption makes the year
-- value that of the other semester).
--
-- Both views are security_invoker: the caller's RLS on the entries decides what is visible. Because a
-- result computed from a partial view of the entries would be wrong rather than merely incomplete, the
-- views also restrict their rows to the callers whose row-level view of the inputs is complete:
-- subject_results to the readers of that gradebook (the predicate of score_entries_select);
-- student_results, which summarises every subject, to the school-wide gradebook roles and the
-- homeroom teacher, not to a subject teacher who sees one subject.

-- Whether the caller is a back-end that reads everything: the service role, or a direct database
-- session of the owner with no request (the seed, maintenance). Not current_user: inside a security
-- definer function that is the owner for every caller. Cost: constant.
create function private.reads_all_gradebooks() returns boolean
language sql stable set search_path = ''
as $$ select coalesce((select auth.role()), '') = 'service_role' or (session_user = 'postgres' and (select auth.uid()) is null) $$;
grant execute on function private.reads_all_gradebooks() to authenticated, service_role;

create view public.subject_results with (security_invoker = true) as
with taken as (
  select e.student_id, e.school_id, e.school_year_id, e.class_id, cs.subject_id, sub.assessment_kind,
         public.required_regular_assessments(cs.periods_per_year) as required
  from public.enrolments e
  join public.class_subjects cs on cs.class_id = e.class_id
  join public.subjects sub on sub.id = cs.subject_id
  where e.end_reason is distinct from 'class_change'
    and sub.category <> 'topic' and sub.school_level in ('lower_secondary', 'upper_secondary')
), periods as (
  -- One row per semester and one for the year (semester null), made before anything is computed so
  -- that a filter on semester leaves only the rows asked for. A VALUES list of constants: a VALUES list
  -- with expressions in a lateral join re-initialises them (every function call) for each row.
  select t.*, p.semester
  from taken t cross join (values (1::smallint), (2::smallint), (null::smallint)) p (semester)
), computed as (
  -- Every rule value is computed in a lateral subquery with OFFSET 0, so it is computed once per row
  -- and read as a column: an inlined expression would be evaluated again at each reference (average
  -- feeds final_average here and five aggregates in student_results).
  select t.*, a.retest_score, a.retest_rating, ex.exempt, sem.avg1, sem.avg2, val.average, val.rating
  from periods t
  cross join lateral (
    select array_agg(x.score) filter (where x.kind = 'tx' and x.semester = 1 and x.score is not null) as tx1,
           max(x.score) filter (where x.kind = 'gk' and x.semester = 1) as gk1,
           max(x.score) filter (where x.kind = 'ck' and x.semester = 1) as ck1,
           array_agg(x.score) filter (where x.kind = 'tx' and x.semester = 2 and x.score is not null) as tx2,
           max(x.score) filter (where x.kind = 'gk' and x.semester = 2) as gk2,
           max(x.score) filter (where x.kind = 'ck' and x.semester = 2) as ck2,
           array_agg(x.rating) filter (where x.kind = 'tx' and x.semester = 1 and x.rating is not null) as rtx1,
           bool_and(x.rating) filter (where x.kind = 'gk' and x.semester = 1) as rgk1,
           bool_and(x.rating) filter (where x.kind = 'ck' and x.semester = 1) as rck1,
           array_agg(x.rating) filter (where x.kind = 'tx' and x.semester = 2 and x.rating is not null) as rtx2,
           bool_and(x.rating) filter (where x.kind = 'gk' and x.semester = 2) as rgk2,
           bool_and(x.rating) filter (where x.kind = 'ck' and x.semester = 2) as rck2,
           max(x.score) filter (where x.kind = 'retest') as retest_score,
           bool_and(x.rating) filter (where x.kind = 'retest') as retest_rating
    from public.score_entries x
    where x.student_id = t.student_id and x.subject_id = t.subject_id and x.school_year_id = t.school_year_id
      and (t.semester is null or x.semester = t.semester)
  ) a
  cross join lateral (
    select coalesce(bool_or(x.semester is null or x.semester = 1), false) as ex1,
           coalesce(bool_or(x.semester is null or x.semester = 2), false) as ex2,
           coalesce(bool_or(x.semester is null or x.semester = t.semester), false) as exempt
    from public.subject_exemptions x
    where x.student_id = t.student_id and x.subject_id = t.subject_id and x.school_year_id = t.school_year_id
  ) ex
  -- Only the semesters the row needs (CASE evaluates lazily): one for a semester row, both for the year.
  cross join lateral (
    select case when t.assessment_kind = 'scored' and t.semester is distinct from 2
                then public.tt22_semester_average(a.tx1, a.gk1, a.ck1, t.required) end as avg1,
           case when t.assessment_kind = 'scored' and t.semester is distinct from 1
                then public.tt22_semester_average(a.tx2, a.gk2, a.ck2, t.required) end as avg2,
           case when t.assessment_kind = 'comment' and t.semester is distinct from 2 and a.rgk1 is not null and a.rck1 is not null
                then public.tt22_comment_subject_rating(a.rtx1 || a.rgk1 || a.rck1, t.required + 2) end as rating1,
           case when t.assessment_kind = 'comment' and t.semester is distinct from 1 and a.rgk2 is not null and a.rck2 is not null
                then public.tt22_comment_subject_rating(a.rtx2 || a.rgk2 || a.rck2, t.required + 2) end as rating2
    offset 0
  ) sem
  cross join lateral (
    select case t.semester when 1 then sem.avg1 when 2 then sem.avg2
             else case when ex.ex1 then sem.avg2 when ex.ex2 then sem.avg1 else public.tt22_year_average(sem.avg1, sem.avg2) end
           end as average,
           case t.semester when 1 then sem.rating1 when 2 then sem.rating2
             else case when ex.ex2 then sem.rating1 else sem.rating2 end
           end as rating
    offset 0
  ) val
)
select v.student_id, v.school_id, v.school_year_id, v.class_id, v.subject_id, v.semester, v.assessment_kind,
       v.average, v.rating,
       case when v.semester is null then v.retest_score end as retest_score,
       case when v.semester is null then v.retest_rating end as retest_rating,
       case when v.semester is null then coalesce(v.retest_score, v.average) end as final_average,
       case when v.semester is null then coalesce(v.retest_rating, v.rating) end as final_rating
from computed v
where not v.exempt
  and ((select private.reads_all_gradebooks())
       or v.school_id in (select private.my_school_ids(private.gradebook_school_roles()))
       or (v.class_id, v.subject_id) in (select t.class_id, t.subject_id from private.taught_class_subjects() t)
       or v.student_id in (select private.homeroom_student_ids()));
comment on view public.subject_results is
  'Kết quả môn học (TT22): ĐTBmhk per semester, ĐTBmcn for the year (semester null), or Đạt/Chưa đạt of a comment-only subject; year rows add the re-test and the final value. Computed from score_entries; read by the readers of that gradebook.';
grant select on public.subject_results to authenticated, service_role;

create view public.student_results with (security_invoker = true) as
with per_period as (
  select r.student_id, r.school_id, r.school_year_id, r.class_id, r.semester,
         coalesce(array_agg(r.average) filter (where r.assessment_kind = 'scored'), '{}') as scored,
         coalesce(array_agg(r.rating) filter (where r.assessment_kind = 'comment'), '{}') as comments,
         coalesce(array_agg(r.final_average) filter (where r.assessment_kind = 'scored'), '{}') as final_scored,
         coalesce(array_agg(r.final_rating) filter (where r.assessment_kind = 'comment'), '{}') as final_comments,
         count(*) filter (where r.average < 5.0 or r.rating = false) as retest_needed,
         count(*) filter (where (r.average < 5.0 or r.rating = false)
                            and (r.retest_score is not null or r.retest_rating is not null)) as retest_given,
         jsonb_object_agg(r.subject_id, jsonb_build_object('average', r.average, 'rating', r.rating,
                          'final_average', r.final_average, 'final_rating', r.final_rating)) as subjects
  from public.subject_results r
  where (select private.reads_all_gradebooks())
     or r.school_id in (select private.my_school_ids(private.gradebook_school_roles()))
     or r.student_id in (select private.homeroom_student_ids())
  group by r.student_id, r.school_id, r.school_year_id, r.class_id, r.semester
), levels as (
  -- Rule values in OFFSET 0 laterals: computed once, read as columns (see subject_results).
  select p.*, ll.learning_level, c.sem1, c.sem2, c.summer, cl.conduct_level, ab.absences, ab.absences_excused
  from per_period p
  cross join lateral (select public.tt22_learning_level(p.scored, p.comments) as learning_level offset 0) ll
  cross join lateral (
    select max(k.level) filter (where k.semester = 1) as sem1,
           max(k.level) filter (where k.semester = 2) as sem2,
           max(k.level) filter (where k.semester is null) as summer
    from public.conduct_ratings k
    where k.student_id = p.student_id and k.school_year_id = p.school_year_id
  ) c
  cross join lateral (
    select case p.semester when 1 then c.sem1 when 2 then c.sem2 else public.tt22_year_conduct(c.sem1, c.sem2) end as conduct_level
    offset 0
  ) cl
  cross join lateral (
    select count(*)::int as absences, count(*) filter (where d.excused)::int as absences_excused
    from public.attendance d
    where d.student_id = p.student_id and d.school_year_id = p.school_year_id
      and (p.semester is null or d.semester = p.semester)
  ) ab
), year_rows as (
  select l.*, second.retest_done, second.summer_done, after.learning_after_retest
  from levels l
  cross join lateral (
    select l.semester is null and l.learning_level = 'chua_dat' and l.retest_needed > 0
             and l.retest_given = l.retest_needed as retest_done,
           l.semester is null and l.summer is not null as summer_done
    offset 0
  ) second
  cross join lateral (
    select case when second.retest_done then public.tt22_learning_level(l.final_scored, l.final_comments) end as learning_after_retest
    offset 0
  ) after
)
select y.student_id, y.school_id, y.school_year_id, y.class_id, y.semester,
       y.learning_level, y.conduct_level,
       y.absences, y.absences_excused, y.absences - y.absences_excused as absences_unexcused,
       y.learning_after_retest,
       case when y.semester is null then y.summer end as conduct_after_summer,
       case when y.semester is null then
         public.tt22_promotion(
           coalesce(y.summer, y.conduct_level),
           case when y.retest_done then y.learning_after_retest else y.learning_level end,
           y.absences, y.summer_done, y.retest_done)
       end as promotion,
       case when y.semester is null then public.tt22_award(y.conduct_level, y.learning_level, y.scored) end as award,
       y.subjects
from year_rows y;
comment on view public.student_results is
  'Kết quả học tập và rèn luyện (TT22) per student, year and semester (null = the year): learning level, conduct level, absences; year rows add the levels after re-test and summer training, promotion (promoted / retest / summer_training / not_promoted) and award (xuat_sac / gioi); subjects = {subject_id: {average, rating, final_average, final_rating}} as in subject_results. Computed; read by BGH, the admin board, the clerk and the GVCN.';
grant select on public.student_results to authenticated, service_role;
