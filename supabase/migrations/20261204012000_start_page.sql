-- Trang chủ (issue 18, item 1): rpc/my_start_page answers, in one call, what waits for the caller now, per
-- role they hold, each item a link. It replaces "a table of your roles and a long menu" as the front door.
--
-- Choices:
-- * One RPC for the page (not one list call per module): it walks the caller's roles of each school's
--   current year (memberships) and their family links, and builds every role's items from the product's
--   own answers, so no rule is written twice:
--     subject teacher   rpc/gradebook_progress rows of their sheets: behind (overdue > 0, most behind
--                       first), and the week's next deadline for the sheets not complete; their correction
--                       requests waiting on them (public.allowed_actions: to submit, to enter the edit);
--     homeroom teacher  their class of the year: conduct ratings missing for the semester (TT22), or the
--                       qualities and competences missing for the last assessment period (TT27), the
--                       results to propose (rpc/publication_steps offers 'propose'), signatures to give;
--     BGH               results to approve or publish (publication_steps), corrections to decide, teachers
--                       behind (gradebook_progress school-wide, grouped by teacher), signatures to give;
--     department head   their department's teachers behind (gradebook_progress answers their rows);
--     admin board       corrections to forward, unlock, relock; certificate requests; failed jobs;
--     nurse             rpc/nurse_overview: classes short of measurements, families not yet informed,
--                       notices not yet acknowledged, students in the clinic now;
--     clerk             copies applied for and not issued, the school's seal to give, failed jobs;
--     IT staff          the audit chains of the school (the year's and the school's own) verified now
--                       (rpc/verify_audit_chain): intact, or the first entry that breaks;
--     Phòng / Sở        rpc/office_overview of their unit: every school's progress, the Phòng(s) below;
--     family            rpc/my_results grouped per child and year, health notices not yet read;
--     everyone          their dossiers (overdue, returned, due within a week, by name), what they
--                       review, reopen requests they decide (the rules of rpc/my_dossier_tasks).
-- * Security invoker: every part is read as the caller — the tables through their RLS and the RPCs with
--   their own checks — so the page cannot show what the caller could not read elsewhere. A role with
--   nothing waiting still has its section (the page says so), so a person sees every hat they wear.
-- * Items are data, not sentences: {kind, tone, link, …values}; the admin words them (Vietnamese first,
--   English second) so the database does not fix the language.
-- * Time: the pinned today (public.app_today); the semester is the school year's (today ≤ end of
--   semester I: I, else II).
--
-- Also: health_notices.sent_at defaulted to the real clock (now()); the demo and tests live on the pinned
-- today, so a notice sent by rpc/send_health_notices is dated private.app_now() like the dossier workflow.

alter table public.health_notices alter column sent_at set default private.app_now();

-- The correction actions of the requester, the admin board and BGH (the steps of 20261122002200's
-- workflow): who a waiting request is a task for.
create function private.correction_task_role(p_actions public.correction_status[]) returns text
language sql immutable set search_path = ''
as $$
  select case
    when p_actions && '{approved,rejected}'::public.correction_status[] then 'principal'
    when p_actions && '{forwarded,unlocked,relocked,minuted}'::public.correction_status[] then 'admin_board'
    when p_actions && '{submitted,edited}'::public.correction_status[] then 'subject_teacher'
  end
$$;
revoke execute on function private.correction_task_role(public.correction_status[]) from public, anon;
grant execute on function private.correction_task_role(public.correction_status[]) to authenticated, service_role;

create function public.my_start_page() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  me constant uuid := (select auth.uid());
  today constant date := public.app_today();
  s record;
  sem int;
  items jsonb := '[]';
  held jsonb := '[]';
  progress jsonb;
  dl public.school_deadlines;
  next_deadline date;
  cls record;
  nurse jsonb;
  officer record;
  overview jsonb;
  dossier_counts jsonb;
  family jsonb;
  role_order constant text[] := array['province_officer', 'district_officer', 'principal', 'vice_principal', 'admin_board',
                                      'dept_head', 'homeroom_teacher', 'subject_teacher', 'nurse', 'clerk', 'it_staff',
                                      'union_officer', 'inspector', 'guardian', 'student', 'dossiers', 'account'];
begin
  if me is null then
    raise exception 'Bạn cần đăng nhập để xem trang chủ.' using errcode = '42501';
  end if;

  -- ─────────── staff: per school, the roles of its current year ───────────
  for s in
    select o.id as school_id, o.name as school_name, o.school_level, y.id as year_id, y.code as year_code,
           y.semester1_ends_on, array_agg(distinct m.role::text) as roles
    from public.memberships m
    join public.org_units o on o.id = m.org_unit_id and o.kind = 'school'
    join public.school_years y on y.id = m.school_year_id and y.id = private.current_school_year_id(o.id)
    where m.profile_id = me and m.role not in ('guardian', 'student')
    group by o.id, o.name, o.school_level, y.id, y.code, y.semester1_ends_on
    order by o.name
  loop
    sem := case when today <= s.semester1_ends_on then 1 else 2 end;
    held := held || (select jsonb_agg(jsonb_build_object('role', r, 'school_id', s.school_id)) from unnest(s.roles) r);

    -- The semester's progress rows the caller reads (their own sheets and their department's; every
    -- sheet for BGH, the admin board and clerks), once per school.
    select coalesce(jsonb_agg(to_jsonb(g)), '[]') into progress from public.gradebook_progress(s.year_id, sem) g;

    -- Subject teacher: sheets behind, most behind first; then the week's deadline for the rest.
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', 'subject_teacher', 'school_id', s.school_id, 'kind', 'sheet_behind', 'tone', 'danger',
                         'class_name', g ->> 'class_name', 'subject_name', g ->> 'subject_name', 'semester', sem,
                         'overdue', (g ->> 'overdue')::int, 'due', (g ->> 'due')::int, 'done', (g ->> 'done')::int,
                         'required', (g ->> 'required')::int, 'students', (g ->> 'students')::int,
                         'link', format('/score_entries?class=%s&subject=%s&semester=%s', g ->> 'class_id', g ->> 'subject_id', sem))
                       order by (g ->> 'overdue')::int desc, g ->> 'class_name', g ->> 'subject_name')
      from jsonb_array_elements(progress) g
      where (g ->> 'teacher_id')::uuid = me and (g ->> 'overdue')::int > 0), '[]');
    dl := public.deadlines_of(s.school_id);
    next_deadline := today + ((dl.regular_weekday - extract(isodow from today)::int + 7) % 7);
    items := items || coalesce((
      select jsonb_build_array(jsonb_build_object('role', 'subject_teacher', 'school_id', s.school_id, 'kind', 'sheets_due', 'tone', 'warning',
                         'deadline', next_deadline, 'time', to_char(dl.regular_time, 'HH24:MI'), 'semester', sem,
                         'sheets', count(*), 'classes', string_agg(g ->> 'class_name' || ' ' || (g ->> 'subject_name'), ', ' order by g ->> 'class_name'),
                         'link', '/score_entries'))
      from jsonb_array_elements(progress) g
      where (g ->> 'teacher_id')::uuid = me and (g ->> 'overdue')::int = 0 and (g ->> 'done')::int < (g ->> 'required')::int
      having count(*) > 0), '[]');

    -- Teachers behind: BGH over the school, a department head over their department's teachers.
    if s.roles && array['principal', 'vice_principal', 'dept_head'] then
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', case when s.roles && array['principal', 'vice_principal']
                                                        then (case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end)
                                                        else 'dept_head' end,
                           'school_id', s.school_id, 'kind', 'teacher_behind', 'tone', 'danger', 'semester', sem,
                           'teacher_name', t.teacher_name, 'sheets', t.sheets, 'overdue', t.overdue, 'classes', t.classes,
                           'link', '/gradebook_progress')
                         order by t.overdue desc, t.teacher_name)
        from (select g ->> 'teacher_name' as teacher_name, count(*) as sheets, sum((g ->> 'overdue')::int) as overdue,
                     string_agg(g ->> 'class_name' || ' ' || (g ->> 'subject_name'), ', ' order by g ->> 'class_name') as classes
              from jsonb_array_elements(progress) g
              where (g ->> 'overdue')::int > 0 and g ->> 'teacher_id' is not null and (g ->> 'teacher_id')::uuid <> me
              group by g ->> 'teacher_id', g ->> 'teacher_name') t), '[]');
    end if;

    -- Homeroom teacher: their class of the year.
    for cls in
      select c.id, c.name, (select count(*) from public.enrolments e where e.class_id = c.id and e.ended_on is null) as students
      from public.classes c where c.school_year_id = s.year_id and c.homeroom_teacher_id = me order by c.name
    loop
      if s.school_level = 'primary' then
        -- TT27: the qualities and competences of the last assessment period whose test day has come.
        items := items || coalesce((
          select jsonb_build_array(jsonb_build_object('role', 'homeroom_teacher', 'school_id', s.school_id, 'kind', 'qualities_missing', 'tone', 'warning',
                             'class_name', cls.name, 'period', p.period, 'missing', p.missing, 'students', cls.students, 'link', '/quality_ratings'))
          from (select a.period,
                       (select count(*) from public.enrolments e where e.class_id = cls.id and e.ended_on is null
                          and (select count(*) from public.quality_ratings q where q.student_id = e.student_id and q.class_id = cls.id
                               and q.semester = right(a.period, 1)::int and q.kind = left(a.period, 2))
                              < cardinality(public.tt27_quality_codes())) as missing
                from public.assessment_periods a
                where a.school_year_id = s.year_id and a.test_date <= today
                order by a.test_date desc limit 1) p
          where p.missing > 0), '[]');
      else
        items := items || coalesce((
          select jsonb_build_array(jsonb_build_object('role', 'homeroom_teacher', 'school_id', s.school_id, 'kind', 'conduct_missing',
                             'tone', case when today > s.semester1_ends_on and sem = 1 then 'danger' else 'warning' end,
                             'class_name', cls.name, 'semester', sem, 'missing', x.missing, 'students', cls.students, 'link', '/conduct_ratings'))
          from (select count(*) as missing from public.enrolments e where e.class_id = cls.id and e.ended_on is null
                  and not exists (select 1 from public.conduct_ratings r where r.student_id = e.student_id and r.class_id = cls.id and r.semester = sem)) x
          where x.missing > 0), '[]');
      end if;
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', 'homeroom_teacher', 'school_id', s.school_id, 'kind', 'results_to_propose', 'tone', 'warning',
                           'class_name', cls.name, 'semester', p.semester, 'link', '/result_publications'))
        -- A period's results can be final once its end-of-semester test day has come (ck1; ck2 for the year).
        from (select x.semester from (values (1), (2), (null::int)) x (semester)
              where exists (select 1 from public.assessment_periods a where a.school_year_id = s.year_id
                              and a.period = 'ck' || coalesce(x.semester, 2) and a.test_date <= today)) p
        where exists (select 1 from public.publication_steps(s.year_id, p.semester) st where st.class_id = cls.id and 'propose' = any (st.steps))), '[]');
    end loop;

    -- BGH: the results waiting for their approval or publication, per period.
    if s.roles && array['principal', 'vice_principal'] then
      items := items || coalesce((
        select jsonb_agg(jsonb_build_object('role', case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end,
                           'school_id', s.school_id, 'kind', 'results_to_' || x.step, 'tone', 'warning', 'semester', x.semester,
                           'classes', x.classes, 'count', x.n, 'link', '/result_publications')
                         order by x.semester nulls last, x.step)
        from (select p.semester, st.step, count(*) as n, string_agg(c.name, ', ' order by c.name) as classes
              from (values (1), (2), (null::int)) p (semester)
              cross join lateral public.publication_steps(s.year_id, p.semester) ps
              cross join lateral unnest(ps.steps) st (step)
              join public.classes c on c.id = ps.class_id
              where st.step in ('approve', 'publish')
              group by p.semester, st.step) x), '[]');
    end if;

    -- Correction requests waiting on the caller, in the section of the role that acts on them.
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', r.role, 'school_id', s.school_id, 'kind', 'correction', 'tone', 'warning',
                         'class_name', c.name, 'subject_name', sj.name, 'semester', q.semester, 'status', q.status, 'year_code', y.code,
                         'actions', to_jsonb(a.actions), 'link', '/correction_requests/' || q.id)
                       order by q.updated_at)
      from public.correction_requests q
      join public.classes c on c.id = q.class_id
      join public.subjects sj on sj.id = q.subject_id
      join public.school_years y on y.id = q.school_year_id
      cross join lateral (select array_remove(public.allowed_actions(q), 'withdrawn') as actions) a
      cross join lateral (select case private.correction_task_role(a.actions)
                                   when 'principal' then (case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end)
                                   when 'admin_board' then (case when 'admin_board' = any (s.roles) then 'admin_board' else 'clerk' end)
                                   else 'subject_teacher' end as role) r
      where q.school_id = s.school_id and q.status not in ('minuted', 'withdrawn', 'rejected') and cardinality(a.actions) > 0), '[]');

    -- Signatures to give (the class files' windows open or coming): the caller's signer roles.
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', case x ->> 'role' when 'subject' then 'subject_teacher' when 'homeroom' then 'homeroom_teacher'
                                                    when 'organisation' then 'clerk'
                                                    else (case when 'principal' = any (s.roles) then 'principal' else 'vice_principal' end) end,
                         'school_id', s.school_id, 'kind', 'signatures_pending', 'tone', case when (x ->> 'open')::boolean then 'warning' else 'info' end,
                         'class_name', x ->> 'class_name', 'year_code', x ->> 'year_code', 'subject_name', x ->> 'subject_name',
                         'unsigned', (x ->> 'unsigned')::int, 'opens_on', x ->> 'opens_on', 'closes_on', x ->> 'closes_on', 'link', '/signing'))
      from jsonb_array_elements(public.my_signing_inbox()) x
      join public.classes c on c.id = (x ->> 'class_id')::uuid and c.school_id = s.school_id), '[]');

    -- A certificate issued to the caller and waiting for their PIN (rpc/certificate_activation).
    items := items || coalesce((
      select jsonb_agg(jsonb_build_object('role', 'account', 'school_id', null, 'kind', 'certificate_activation', 'tone', 'warning',
                         'school_name', s.school_name, 'link', '/signing'))
      from public.certificate_requests q where q.school_id = s.school_id and q.profile_id = me and q.status = 'pending'), '[]');

    -- Admin board: certificate requests still waiting for their holder. Admin board and clerks: print jobs that failed.
    if 'admin_board' = any (s.roles) then
      items := items || coalesce((
        select jsonb_build_array(jsonb_build_object('role', 'admin_board', 'school_id', s.school_id, 'kind', 'certificate_requests', 'tone', 'warning',
                           'count', count(*), 'link', '/signing'))
        from public.certificate_requests q where q.school_id = s.school_id and q.status = 'pending' having count(*) > 0), '[]');
    end if;
    if s.roles && array['admin_board', 'clerk'] then
      items := items || coalesce((
        select jsonb_build_array(jsonb_build_object('role', case when 'clerk' = any (s.roles) then 'clerk' else 'admin_board' end,
                           'school_id', s.school_id, 'kind', 'jobs_failed', 'tone', 'danger',
                           'count', count(*), 'labels', string_agg(j.label, ', ' order by j.created_at), 'link', '/documents'))
        -- Jobs are stamped by the real clock (jobs.created_at), so their 30 days are counted on it too.
        from public.jobs j where j.school_id = s.school_id and j.status = 'failed' and j.created_at > now() - interval '30 days'
        having count(*) > 0), '[]');
    end if;

    -- Clerk: copies applied for and not issued yet.
    if 'clerk' = any (s.roles) then
      items := items || coalesce((
        select jsonb_build_array(jsonb_build_object('role', 'clerk', 'school_id', s.school_id, 'kind', 'copies_to_issue', 'tone', 'warning',
                           'count', count(*), 'since', min(q.applied_on), 'link', '/documents'))
        from public.copy_applications q where q.school_id = s.school_id and q.number is null having count(*) > 0), '[]');
    end if;

    -- Nurse: the module's overview.
    if 'nurse' = any (s.roles) then
      nurse := public.nurse_overview(s.school_id);
      items := items
        || coalesce((select jsonb_agg(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'visit_open', 'tone', 'danger',
                                        'full_name', v ->> 'full_name', 'class_name', v ->> 'class_name', 'arrived_at', v ->> 'arrived_at', 'link', '/health'))
                     from jsonb_array_elements(nurse -> 'visits_today') v where v ->> 'left_at' is null), '[]')
        || coalesce((select jsonb_agg(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'measures_missing', 'tone', 'warning',
                                        'class_name', b ->> 'class_name', 'short', (b ->> 'short')::int, 'students', (b ->> 'students')::int, 'link', '/health'))
                     from jsonb_array_elements(nurse -> 'short_of_bmi') b), '[]')
        || case when (nurse ->> 'students')::int > (nurse ->> 'families_informed')::int
                then jsonb_build_array(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'notices_to_send', 'tone', 'info',
                                         'count', (nurse ->> 'students')::int - (nurse ->> 'families_informed')::int, 'link', '/health'))
                else '[]' end
        || case when (nurse ->> 'notices_unacknowledged')::int > 0
                then jsonb_build_array(jsonb_build_object('role', 'nurse', 'school_id', s.school_id, 'kind', 'notices_unacknowledged', 'tone', 'info',
                                         'count', (nurse ->> 'notices_unacknowledged')::int, 'link', '/health'))
                else '[]' end;
    end if;

    -- IT staff: the school's audit chains, verified now (the year's and the school's own entries).
    if 'it_staff' = any (s.roles) then
      items := items
        || (select jsonb_agg(jsonb_build_object('role', 'it_staff', 'school_id', s.school_id, 'kind', 'audit_chain',
                               'tone', case when x.broken is null then 'success' else 'danger' end,
                               'scope', x.scope, 'year_code', s.year_code, 'intact', x.broken is null, 'broken_entry', x.broken,
                               'link', '/status'))
            from (values ('year', public.verify_audit_chain(s.school_id, s.year_id)), ('school', public.verify_audit_chain(s.school_id, null))) x (scope, broken));
    end if;
  end loop;

  -- ─────────── Phòng / Sở officers: their unit's schools ───────────
  for officer in
    select distinct m.role::text as role, o.id, o.name from public.memberships m join public.org_units o on o.id = m.org_unit_id
    where m.profile_id = me and m.role in ('district_officer', 'province_officer') order by 1 desc, o.name
  loop
    held := held || jsonb_build_object('role', officer.role, 'school_id', officer.id);
    overview := public.office_overview(officer.id);
    items := items
      || coalesce((select jsonb_agg(jsonb_build_object('role', officer.role, 'school_id', officer.id, 'kind', 'office_school',
                                      'tone', case when (x -> 'progress' ->> 'share_due_done')::numeric < 90 then 'warning' else 'info' end,
                                      'school_name', x ->> 'name', 'year_code', x -> 'school_year' ->> 'code',
                                      'semester', x -> 'progress' -> 'semester', 'share_done', x -> 'progress' -> 'share_done',
                                      'share_due_done', x -> 'progress' -> 'share_due_done', 'sheets_overdue', x -> 'progress' -> 'sheets_overdue',
                                      'link', format('/office_overview?unit=%s&school=%s', officer.id, x ->> 'id'))
                                    order by x ->> 'name')
                   from jsonb_array_elements(overview -> 'schools') x), '[]')
      || coalesce((select jsonb_agg(jsonb_build_object('role', officer.role, 'school_id', officer.id, 'kind', 'office_unit', 'tone', 'info',
                                      'unit_name', x ->> 'name', 'schools', (x ->> 'schools')::int, 'students', x -> 'students',
                                      'link', format('/office_overview?unit=%s', x ->> 'id'))
                                    order by x ->> 'name')
                   from jsonb_array_elements(overview -> 'offices') x), '[]');
  end loop;

  -- ─────────── families: published results per child and year, health notices not yet read ───────────
  for s in
    select distinct m.role::text as role from public.memberships m where m.profile_id = me and m.role in ('guardian', 'student')
  loop
    held := held || jsonb_build_object('role', s.role, 'school_id', null);
  end loop;
  if exists (select 1 from private.family_student_ids()) then
    family := public.my_results();
    items := items
      || coalesce((select jsonb_agg(jsonb_build_object('role', case when st.profile_id = me then 'student' else 'guardian' end,
                                      'school_id', null, 'kind', 'results_published', 'tone', 'success',
                                      'full_name', r.full_name, 'year_code', r.year_code, 'class_name', r.class_name,
                                      'periods', r.periods, 'link', '/my_results')
                                    order by r.full_name, r.year_code desc)
                   from (select x ->> 'student_id' as student_id, x ->> 'full_name' as full_name, x ->> 'school_year_code' as year_code,
                                string_agg(distinct x ->> 'class_name', ', ') as class_name,
                                jsonb_agg(x -> 'semester' order by (x ->> 'semester')::int nulls last) as periods
                         from jsonb_array_elements(family) x group by 1, 2, 3) r
                   join public.students st on st.id = r.student_id::uuid), '[]')
      || coalesce((select jsonb_agg(jsonb_build_object('role', case when st.profile_id = me then 'student' else 'guardian' end,
                                      'school_id', null, 'kind', 'health_notice', 'tone', 'warning',
                                      'full_name', st.full_name, 'title', n.title, 'sent_at', n.sent_at, 'link', '/health')
                                    order by n.sent_at desc)
                   from public.health_notices n join public.students st on st.id = n.student_id
                   where n.student_id in (select private.family_student_ids()) and n.acknowledged_at is null), '[]');
  end if;

  -- ─────────── everyone: their dossiers ───────────
  dossier_counts := public.my_dossier_tasks();
  items := items
    || coalesce((select jsonb_agg(x.item order by x.rank, x.due_on, x.name) from (
         -- Per item (a weekly plan has one obligation a week): how many periods, from the earliest due.
         select jsonb_build_object('role', 'dossiers', 'school_id', null, 'school_name', sc.name,
                  'kind', case k.rank when 0 then 'dossier_returned' when 1 then 'dossier_overdue' else 'dossier_due' end,
                  'tone', case when k.rank < 2 then 'danger' else 'warning' end,
                  'name', i.name, 'count', count(*), 'due_on', min(o.due_on), 'link', '/dossiers') as item,
                k.rank, min(o.due_on) as due_on, i.name
         from public.dossier_obligations o join public.dossier_items i on i.id = o.item_id join public.org_units sc on sc.id = o.school_id
         cross join lateral (select case when o.status = 'returned' then 0 when o.due_on < today then 1 else 2 end as rank) k
         where o.school_year_id in (select private.current_school_year_ids())
           and (o.status = 'returned' or (o.status in ('missing', 'draft', 'reopened') and o.due_on <= today + 7))
           and private.dossier_submitter(o)
         group by i.id, i.name, sc.name, k.rank
         order by 2, 3, 4 limit 6) x), '[]')
    || case when (dossier_counts ->> 'to_review')::int > 0
            then jsonb_build_array(jsonb_build_object('role', 'dossiers', 'school_id', null, 'kind', 'dossier_to_review', 'tone', 'warning',
                                     'count', (dossier_counts ->> 'to_review')::int, 'link', '/dossier_reviews'))
            else '[]' end
    || case when (dossier_counts ->> 'reopen_requests')::int > 0
            then jsonb_build_array(jsonb_build_object('role', 'dossiers', 'school_id', null, 'kind', 'dossier_reopen', 'tone', 'warning',
                                     'count', (dossier_counts ->> 'reopen_requests')::int, 'link', '/dossier_compliance'))
            else '[]' end;

  -- Sections: every role held, and any role an item is for (a teacher with assignments but no
  -- subject_teacher membership still sees their sheets), in the order of role_order, each with its items.
  return jsonb_build_object(
    'today', today,
    'sections', coalesce((
      select jsonb_agg(jsonb_build_object('role', h.role, 'school_id', h.school_id, 'school_name', o.name, 'year_code', y.code,
                                          'items', coalesce((select jsonb_agg(it - 'role' - 'school_id')
                                                             from jsonb_array_elements(items) it
                                                             where it ->> 'role' = h.role and it ->> 'school_id' is not distinct from h.school_id), '[]'))
                       order by array_position(role_order, h.role), o.name)
      from (select distinct x ->> 'role' as role, x ->> 'school_id' as school_id
            from (select x from jsonb_array_elements(held) x union all select x from jsonb_array_elements(items) x) u (x)) h
      left join public.org_units o on o.id = h.school_id::uuid
      left join public.school_years y on o.kind = 'school' and y.id = private.current_school_year_id(o.id)), '[]'));
end $$;
revoke execute on function public.my_start_page() from public, anon;
grant execute on function public.my_start_page() to authenticated;
comment on function public.my_start_page() is
  'Trang chủ: what waits for the caller now, per role they hold (each school''s current year, their office, their family links, their dossiers), each item {kind, tone, link, …values}. Security invoker: every part is read as the caller.';
