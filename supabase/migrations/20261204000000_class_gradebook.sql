-- The class gradebook (sổ theo dõi và đánh giá học sinh, theo lớp học; FORMS.md) as an official document
-- (issue 14, item 1). A class's book is large — a subject page per semester for 12–15 subjects, the
-- monthly attendance, the summaries — so it is printed in PARTS, one request each (front matter,
-- attendance per month, one per subject, the summaries), then joined: the whole book is a job of the jobs facility
-- whose steps run one after the other (each part's page numbers continue the previous part's), the last
-- step joining the parts into the archived document.
--
-- What one part prints is `private.class_gradebook_json(class, part)`, read under the RLS of whoever
-- calls it: the `print` function calls `class_gradebook_data` AS THE CALLER (a part as a preview, or
-- whether the archived book is current); the worker calls `job_gradebook_part` with the owner's rights
-- for a job whose creator was checked when it was created. The data hash of a part is computed here, in
-- SQL, once: sha256 of the part's JSON text without `today`; the book's is sha256 of its parts' hashes
-- joined by ',', computed with the owner's rights like the parts the worker renders, so "is the archived
-- book current?" compares the same numbers whoever of the class's printers asks.
--
-- Who may print a class's book: the admin board and the clerk of the school, the class's GVCN (the
-- matrix's `print`: documents of the school; a GVCN the homeroom class's). A primary class's book
-- follows TT27: levels T/H/C and test scores per subject and period, the qualities and competencies,
-- the year's result (computed by the rule functions, never stored).

/** True when the caller may print the class's documents (admin board, clerk of the school; its GVCN). */
create function private.may_print_class(p_class_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.classes c
    where c.id = p_class_id and c.school_id in (select private.my_school_ids('{admin_board,clerk}'))
  ) or p_class_id in (select private.homeroom_class_ids())
$$;
revoke execute on function private.may_print_class(uuid) from public, anon;
grant execute on function private.may_print_class(uuid) to authenticated;

/**
 * The parts of a class's book, in print order: front (cover, inner cover, student profiles), attendance
 * (a part per month of the school year: 45 rows × 31 days is the heaviest page to lay out), one per subject (the school's layout order, then the national order), summary
 * (semester and year results, class totals, the principal's review page). Owner's rights: the list
 * names only the class's subjects.
 */
create function private.class_gradebook_parts(p_class_id uuid)
returns table (seq integer, part text, label text)
language sql stable security definer set search_path = '' as $$
  with layout as (
    select coalesce((select array(select jsonb_array_elements_text(l.settings -> 'subject_order'))
                     from public.print_layouts l join public.classes c on c.school_id = l.school_id
                     where c.id = p_class_id order by l.version desc limit 1), '{}') as codes
  ), parts as (
    select 0 as rank, 0 as sort_order, ''::text as name, 'front'::text as part, 'Bìa, danh sách học sinh'::text as label
    union all
    select 1, extract(epoch from m)::int, '', 'attendance:' || to_char(m, 'YYYY-MM'), 'Chuyên cần tháng ' || to_char(m, 'FMMM/YYYY')
    from public.classes c join public.school_years y on y.id = c.school_year_id,
         generate_series(date_trunc('month', y.starts_on), date_trunc('month', y.ends_on), interval '1 month') m
    where c.id = p_class_id
    union all
    select 2 + coalesce(array_position((select codes from layout), s.code), 1000), s.sort_order, s.name,
           'subject:' || s.id, 'Môn ' || s.name
    from public.class_subjects cs join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
    where cs.class_id = p_class_id
    union all
    select 100000, 0, '', 'summary', 'Tổng hợp kết quả'
  )
  select (row_number() over (order by p.rank, p.sort_order, p.name))::integer, p.part, p.label from parts p
$$;
revoke execute on function private.class_gradebook_parts(uuid) from public, anon;
grant execute on function private.class_gradebook_parts(uuid) to authenticated, service_role;

/**
 * The data of one part of a class's book (see the header), read under the caller's RLS (security
 * invoker). Every part carries the school, the layout record, the class and whether the year is final;
 * the rest depends on the part. Students in the book's order (the gradebook sheet's), numbered.
 */
create function private.class_gradebook_json(p_class_id uuid, p_part text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  cls record;
  school record;
  layout record;
  v_subject uuid;
  month date;
  students jsonb;
  body jsonb;
begin
  select c.id, c.name, c.grade, c.school_id, c.school_year_id, y.code as year_code, y.starts_on, y.ends_on,
         public.homeroom_teacher_name(c) as homeroom_teacher,
         coalesce(private.gradebook_locked(y.id, null, c.id, null), false) as official
    into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  select o.id, o.name, o.school_level, o.code, p.name as parent_name, pp.name as grandparent_name into school
  from public.org_units o
  left join public.org_units p on p.id = o.parent_id
  left join public.org_units pp on pp.id = p.parent_id
  where o.id = cls.school_id;
  select l.version, l.settings into layout
  from public.print_layouts l where l.school_id = cls.school_id order by l.version desc limit 1;

  -- The class's students in the book's order: everyone enrolled in it this year except those who
  -- only passed through on a class change (they are in their new class's book).
  select coalesce(jsonb_agg(jsonb_build_object('no', t.no, 'id', t.id, 'full_name', t.full_name) order by t.no), '[]')
    into students
  from (
    select row_number() over (order by s.given_name, s.family_name, s.middle_name, s.student_code)::int as no, s.id, s.full_name
    from public.students s
    where s.id in (select e.student_id from public.enrolments e
                   where e.class_id = p_class_id and e.end_reason is distinct from 'class_change')
  ) t;

  if p_part = 'front' then
    body := jsonb_build_object(
      'profiles', (
        select coalesce(jsonb_agg(jsonb_build_object(
                 'no', (x ->> 'no')::int, 'student_code', s.student_code, 'full_name', s.full_name, 'gender', s.gender,
                 'birth_date', s.birth_date, 'birth_place', d.birth_place, 'ethnicity', d.ethnicity, 'residence', d.residence,
                 'guardians', (select coalesce(jsonb_agg(jsonb_build_object('relationship', g.relationship, 'full_name', g.full_name,
                                                                             'occupation', g.occupation)
                                                         order by g.relationship, g.full_name), '[]')
                               from public.guardians g where g.student_id = s.id),
                 'started_on', e.started_on, 'start_reason', e.start_reason, 'transferred_from', e.transferred_from,
                 'ended_on', e.ended_on, 'end_reason', e.end_reason) order by (x ->> 'no')::int), '[]')
        from jsonb_array_elements(students) x
        join public.students s on s.id = (x ->> 'id')::uuid
        left join public.student_details d on d.student_id = s.id
        left join lateral (select * from public.enrolments e where e.student_id = s.id and e.class_id = p_class_id
                           order by e.started_on desc limit 1) e on true),
      'subjects', (
        select coalesce(jsonb_agg(jsonb_build_object(
                 'name', sub.name, 'code', sub.code, 'sort_order', sub.sort_order,
                 'teachers', (select coalesce(jsonb_agg(distinct public.teacher_name(a)), '[]')
                              from public.teaching_assignments a
                              where a.class_id = p_class_id and a.subject_id = sub.id and a.ended_at is null))
               order by sub.sort_order, sub.name), '[]')
        from public.class_subjects cs join public.subjects sub on sub.id = cs.subject_id and sub.category <> 'topic'
        where cs.class_id = p_class_id));
  elsif p_part ~ '^attendance:\d{4}-\d{2}$' then
    month := to_date(substr(p_part, 12), 'YYYY-MM');
    if month < date_trunc('month', cls.starts_on) or month > cls.ends_on then
      raise exception 'Phần sổ "%" không có trong sổ theo dõi của lớp %.', p_part, cls.name using errcode = '22023';
    end if;
    body := jsonb_build_object(
      'month', to_char(month, 'YYYY-MM'),
      'absences', (
        select coalesce(jsonb_agg(jsonb_build_object('student_id', a.student_id, 'on_date', a.on_date, 'excused', a.excused)
                                  order by a.on_date, a.student_id), '[]')
        from public.attendance a
        where a.class_id = p_class_id and a.school_year_id = cls.school_year_id
          and a.on_date >= month and a.on_date < month + interval '1 month'
          and a.student_id in (select (x ->> 'id')::uuid from jsonb_array_elements(students) x)));
  elsif p_part like 'subject:%' then
    begin
      v_subject := substr(p_part, 9)::uuid;
    exception when invalid_text_representation then
      raise exception 'Phần sổ "%" không có trong sổ theo dõi của lớp %.', p_part, cls.name using errcode = '22023';
    end;
    select jsonb_build_object(
             'subject', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name, 'assessment_kind', s.assessment_kind),
             'required_regular', public.required_regular_assessments(cs.periods_per_year),
             'teachers', (select coalesce(jsonb_agg(jsonb_build_object('semester', sem, 'names',
                                    (select coalesce(jsonb_agg(distinct public.teacher_name(a)), '[]')
                                     from public.teaching_assignments a
                                     where a.class_id = p_class_id and a.subject_id = s.id and a.ended_at is null
                                       and sem between a.from_semester and a.to_semester)) order by sem), '[]')
                          from generate_series(1, 2) sem))
      into body
    from public.class_subjects cs join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
    where cs.class_id = p_class_id and cs.subject_id = v_subject;
    if body is null then
      raise exception 'Lớp % không học môn này: không có phần sổ đó.', cls.name using errcode = '22023';
    end if;
    body := body || jsonb_build_object(
      'entries', (
        select coalesce(jsonb_agg(jsonb_build_object('student_id', x.student_id, 'semester', x.semester, 'kind', x.kind,
                                                     'seq', x.seq, 'score', x.score, 'rating', x.rating, 'is_makeup', x.is_makeup,
                                                     'level', x.level, 'comment', x.comment,
                                                     'corrected', x.correction_request_id is not null)
                                  order by x.student_id, x.semester nulls last, x.kind, x.seq), '[]')
        from public.score_entries x
        where x.school_year_id = cls.school_year_id and x.subject_id = v_subject
          and x.student_id in (select (j ->> 'id')::uuid from jsonb_array_elements(students) j)),
      'results', (
        select coalesce(jsonb_agg(jsonb_build_object('student_id', r.student_id, 'semester', r.semester, 'average', r.average,
                                                     'rating', r.rating, 'retest_score', r.retest_score, 'retest_rating', r.retest_rating)
                                  order by r.student_id, r.semester nulls last), '[]')
        from public.subject_results r
        where r.class_id = p_class_id and r.subject_id = v_subject),
      'exemptions', (
        select coalesce(jsonb_agg(jsonb_build_object('student_id', x.student_id, 'semester', x.semester)
                                  order by x.student_id, x.semester nulls first), '[]')
        from public.subject_exemptions x
        where x.school_year_id = cls.school_year_id and x.subject_id = v_subject
          and x.student_id in (select (j ->> 'id')::uuid from jsonb_array_elements(students) j)));
  elsif p_part = 'summary' then
    body := jsonb_build_object(
      'results', (
        select coalesce(jsonb_agg(jsonb_build_object(
                 'student_id', x.student_id, 'semester', x.semester,
                 'learning_level', x.learning_level, 'conduct_level', x.conduct_level,
                 'absences', x.absences, 'absences_excused', x.absences_excused, 'absences_unexcused', x.absences_unexcused,
                 'learning_after_retest', x.learning_after_retest, 'conduct_after_summer', x.conduct_after_summer,
                 'promotion', x.promotion, 'award', x.award)
               order by x.student_id, x.semester nulls last), '[]')
        from public.student_results x
        where x.class_id = p_class_id),
      -- TT27 (primary): the qualities and competencies at the end of each semester, the year's result
      'qualities', (
        select coalesce(jsonb_agg(jsonb_build_object('student_id', q.student_id, 'semester', q.semester, 'code', q.code, 'level', q.level)
                                  order by q.student_id, q.semester, q.code), '[]')
        from public.quality_ratings q
        where q.class_id = p_class_id and q.kind = 'ck' and school.school_level = 'primary'),
      'primary', (
        select coalesce(jsonb_agg(jsonb_build_object('student_id', r.student_id, 'year_result', r.year_result, 'completion', r.completion)
                                  order by r.student_id), '[]')
        from public.primary_results r
        where r.class_id = p_class_id and school.school_level = 'primary'));
  else
    raise exception 'Phần sổ "%" không có trong sổ theo dõi của lớp %.', p_part, cls.name using errcode = '22023';
  end if;

  return jsonb_build_object(
    'part', p_part,
    'school', jsonb_build_object('id', school.id, 'name', school.name, 'school_level', school.school_level, 'code', school.code,
                                 'parent_name', school.parent_name, 'grandparent_name', school.grandparent_name),
    'layout', jsonb_build_object('version', coalesce(layout.version, 0), 'settings', coalesce(layout.settings, '{}')),
    'class', jsonb_build_object('id', cls.id, 'name', cls.name, 'grade', cls.grade, 'school_year_id', cls.school_year_id,
                                'year_code', cls.year_code, 'starts_on', cls.starts_on, 'ends_on', cls.ends_on,
                                'homeroom_teacher', cls.homeroom_teacher, 'official', cls.official,
                                'principal', private.principal_name(cls.school_year_id)),
    'students', students,
    'today', public.app_today()
  ) || body;
end $$;
revoke execute on function private.class_gradebook_json(uuid, text) from public, anon;
grant execute on function private.class_gradebook_json(uuid, text) to authenticated, service_role;

/** A part's data hash: sha256 (hex) of its JSON text without the day it was asked for. */
create function private.gradebook_part_hash(p_data jsonb) returns text
language sql immutable set search_path = '' as $$
  select encode(extensions.digest(convert_to((p_data - 'today')::text, 'UTF8'), 'sha256'), 'hex')
$$;
revoke execute on function private.gradebook_part_hash(jsonb) from public, anon;
grant execute on function private.gradebook_part_hash(jsonb) to authenticated, service_role;

/** The refusal every entry point gives, in one place. */
create function private.check_class_gradebook(p_class_id uuid) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_class_id is null or not private.may_print_class(p_class_id) then
    raise exception 'Bạn không có quyền in sổ theo dõi và đánh giá học sinh của lớp này.' using errcode = '42501';
  end if;
end $$;
revoke execute on function private.check_class_gradebook(uuid) from public, anon;
grant execute on function private.check_class_gradebook(uuid) to authenticated;

/**
 * The book's data hash (sha256 of its parts' hashes joined by ','), with the owner's rights: the same
 * number whoever of its printers asks and the jobs worker (which renders the parts with the owner's
 * rights) records, so "is the archived book current?" never depends on how much of the class one
 * printer's RLS shows. Callers check the right to print the class first (class_gradebook_data).
 */
create function private.class_gradebook_hash(p_class_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select encode(extensions.digest(convert_to(
           string_agg(private.gradebook_part_hash(private.class_gradebook_json(p_class_id, p.part)), ',' order by p.seq), 'UTF8'), 'sha256'), 'hex')
  from private.class_gradebook_parts(p_class_id) p
$$;
revoke execute on function private.class_gradebook_hash(uuid) from public, anon;
grant execute on function private.class_gradebook_hash(uuid) to authenticated;

/**
 * What the `print` function asks, as the caller: with p_part, that part's data (and its `data_sha256`);
 * without, the book's parts, whether the year is final, the layout version and the book's data hash
 * (private.class_gradebook_hash), to compare with the archived version. Refused (42501,
 * one sentence that names nothing) unless the caller may print the class; a part the class has not,
 * refused with a sentence (22023). Cost: one part ≈ one class × one subject; the
 * whole book's hash reads every part (≈ 0.1–0.3 s for a class of 45).
 */
create function public.class_gradebook_data(p_class_id uuid, p_part text default null) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  d jsonb;
  parts jsonb;
  official boolean;
  layout_version integer;
begin
  perform private.check_class_gradebook(p_class_id);
  if p_part is not null then
    d := private.class_gradebook_json(p_class_id, p_part);
    return d || jsonb_build_object('data_sha256', private.gradebook_part_hash(d));
  end if;
  select jsonb_agg(jsonb_build_object('seq', p.seq, 'part', p.part, 'label', p.label) order by p.seq) into parts
  from private.class_gradebook_parts(p_class_id) p;
  select coalesce(private.gradebook_locked(c.school_year_id, null, c.id, null), false),
         coalesce((select max(l.version) from public.print_layouts l where l.school_id = c.school_id), 0)
    into official, layout_version
  from public.classes c where c.id = p_class_id;
  return jsonb_build_object('class_id', p_class_id, 'parts', parts, 'official', official, 'layout_version', layout_version,
                            'data_sha256', private.class_gradebook_hash(p_class_id));
end $$;
revoke execute on function public.class_gradebook_data(uuid, text) from public, anon;
grant execute on function public.class_gradebook_data(uuid, text) to authenticated;
comment on function public.class_gradebook_data(uuid, text) is
  'One part of a class''s gradebook (sổ theo dõi và đánh giá học sinh) as printed, or the book''s parts and data hash; '
  'read as the caller; refused unless the caller may print the class (admin board, clerk, its GVCN).';

-- The jobs facility learns one kind: print_gradebook, whose steps wait for the one before.
alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check check (kind in ('print_class', 'print_gradebook'));

/** "ABCD…" — 16 characters of the verification alphabet (_shared/archive.ts), 80 random bits. */
create function private.new_verification_code() returns text
language sql volatile set search_path = '' as $$
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(b, i) & 31) + 1, 1), '' order by i)
  from (select extensions.gen_random_bytes(16) as b) r, generate_series(0, 15) i
$$;
revoke execute on function private.new_verification_code() from public, anon, authenticated;

/**
 * Print a class's book as a job (as the caller): refused like class_gradebook_data; the year must be
 * final (locked for the class: a draft book is previewed part by part, never archived). The job's
 * parameters fix the next version number and its verification code, which every part prints in its
 * footer; its steps are the parts, then the join. A job of the same class still queued or running is
 * answered instead of a second one. Returns the job's id.
 */
create function public.create_gradebook_job(p_class_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  c record;
  job uuid;
  n integer;
  code text := private.new_verification_code();
  next_version integer;
begin
  perform private.check_class_gradebook(p_class_id);
  select k.id, k.name, k.school_id, k.school_year_id, y.code into c
  from public.classes k join public.school_years y on y.id = k.school_year_id where k.id = p_class_id;
  if not coalesce(private.gradebook_locked(c.school_year_id, null, c.id, null), false) then
    raise exception 'Năm học % của lớp % chưa khoá sổ: chỉ xem trước được bản nháp từng phần của sổ.', c.code, c.name using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('class_gradebook:' || p_class_id, 0));
  select j.id into job from public.jobs j
  where j.kind = 'print_gradebook' and j.params ->> 'class_id' = p_class_id::text and j.status in ('queued', 'running')
  limit 1;
  if found then
    return job;
  end if;
  select coalesce(max(v.version), 0) + 1 into next_version
  from public.document_versions v where v.unit_key = 'class_gradebook:' || p_class_id;
  insert into public.jobs (school_id, kind, params, label, created_by)
  values (c.school_id, 'print_gradebook',
          jsonb_build_object('class_id', c.id, 'school_year_id', c.school_year_id, 'version', next_version, 'code', code,
                             'issued_on', public.app_today()),
          'In sổ theo dõi và đánh giá học sinh lớp ' || c.name || ' năm học ' || c.code, (select auth.uid()))
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, c.school_id, p.seq, jsonb_build_object('part', p.part, 'label', p.label, 'after_previous', true)
  from private.class_gradebook_parts(p_class_id) p;
  get diagnostics n = row_count;
  insert into public.job_steps (job_id, school_id, seq, params)
  values (job, c.school_id, n + 1, jsonb_build_object('join', true, 'label', 'Ghép các phần thành sổ', 'after_previous', true));
  update public.jobs set total = n + 1 where id = job;
  return job;
end $$;
revoke execute on function public.create_gradebook_job(uuid) from public, anon;
grant execute on function public.create_gradebook_job(uuid) to authenticated;

/** The data of a gradebook part step (service role only: the worker has no user; the creator was checked). */
create function public.job_gradebook_part(p_step_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  s public.job_steps;
  d jsonb;
begin
  select st.* into s from public.job_steps st join public.jobs j on j.id = st.job_id
  where st.id = p_step_id and j.kind = 'print_gradebook' and st.params ? 'part';
  if not found then
    raise exception 'Không có bước in sổ này' using errcode = 'P0002';
  end if;
  d := private.class_gradebook_json((select (j.params ->> 'class_id')::uuid from public.jobs j where j.id = s.job_id), s.params ->> 'part');
  return d || jsonb_build_object('data_sha256', private.gradebook_part_hash(d));
end $$;
revoke execute on function public.job_gradebook_part(bigint) from public, anon, authenticated;
grant execute on function public.job_gradebook_part(bigint) to service_role;

/** Steps that wait for the one before are failed when one before them failed for good (their job then closes). */
create function private.fail_waiting_steps(p_job_id uuid) returns void
language plpgsql volatile set search_path = '' as $$
declare
  n integer;
begin
  update public.job_steps s set status = 'failed', error = 'Một phần trước không in được', lease_until = null, updated_at = now()
  where s.job_id = p_job_id and s.status = 'queued' and s.params ? 'after_previous'
    and exists (select 1 from public.job_steps p where p.job_id = s.job_id and p.seq < s.seq and p.status = 'failed');
  get diagnostics n = row_count;
  if n > 0 then
    update public.jobs set failed = failed + n, updated_at = now() where id = p_job_id;
    update public.jobs set status = 'failed', finished_at = now(), updated_at = now() where id = p_job_id and done + failed = total;
  end if;
end $$;
revoke execute on function private.fail_waiting_steps(uuid) from public, anon, authenticated;
grant execute on function private.fail_waiting_steps(uuid) to service_role;

-- claim_job_steps (20261203001400), plus: a step marked after_previous is claimed only when every step
-- before it in its job is done; a step failed for good fails the steps waiting behind it; jobs are served
-- in the order they were made (by their steps' creation, then job and step) — no longer by job id, which
-- is random and let a later job overtake an earlier one.
create or replace function public.claim_job_steps(p_limit integer default 1, p_lease_seconds integer default 60) returns setof public.job_steps
language plpgsql volatile set search_path = '' as $$
declare
  failed_jobs uuid[];
  j uuid;
begin
  with exhausted as (
    update public.job_steps s set status = 'failed', error = coalesce(s.error, 'Hết số lần thử'), updated_at = now()
    where s.status = 'running' and s.lease_until < now() and s.attempts >= 5
    returning s.job_id
  ), counted as (
    update public.jobs j set failed = j.failed + x.n, updated_at = now()
    from (select job_id, count(*)::int as n from exhausted group by job_id) x where j.id = x.job_id
    returning j.id
  )
  select array_agg(id) into failed_jobs from counted;
  foreach j in array coalesce(failed_jobs, '{}') loop
    perform private.fail_waiting_steps(j);
  end loop;
  return query
  update public.job_steps s
  set status = 'running', attempts = s.attempts + 1, lease_until = now() + make_interval(secs => p_lease_seconds), updated_at = now()
  where s.id in (
    select q.id from public.job_steps q
    where (q.status = 'queued' or (q.status = 'running' and q.lease_until < now() and q.attempts < 5))
      and not (q.params ? 'after_previous' and exists (
        select 1 from public.job_steps p where p.job_id = q.job_id and p.seq < q.seq and p.status <> 'done'))
    order by q.created_at, q.job_id, q.seq
    limit p_limit
    for update skip locked
  )
  returning s.*;
  update public.jobs j set status = 'running', started_at = coalesce(j.started_at, now()), updated_at = now()
  where j.status = 'queued' and exists (select 1 from public.job_steps s where s.job_id = j.id and s.status <> 'queued');
end $$;

-- finish_job_step (20261203001400), plus: a failure for good fails the steps waiting behind it.
create or replace function public.finish_job_step(p_step_id bigint, p_ok boolean, p_error text default null, p_result jsonb default null)
returns void
language plpgsql volatile set search_path = '' as $$
declare
  s public.job_steps;
begin
  select * into s from public.job_steps where id = p_step_id for update;
  if not found or s.status in ('done', 'failed') then
    return;
  end if;
  if p_ok then
    update public.job_steps set status = 'done', result = p_result, error = null, lease_until = null, updated_at = now() where id = s.id;
    update public.jobs set done = done + 1, updated_at = now() where id = s.job_id;
  elsif s.attempts >= 5 then
    update public.job_steps set status = 'failed', error = p_error, lease_until = null, updated_at = now() where id = s.id;
    update public.jobs set failed = failed + 1, updated_at = now() where id = s.job_id;
    perform private.fail_waiting_steps(s.job_id);
  else
    update public.job_steps set status = 'queued', error = p_error, lease_until = null, updated_at = now() where id = s.id;
  end if;
  update public.jobs set status = case when failed > 0 then 'failed'::public.job_status else 'done'::public.job_status end,
                         finished_at = now(), updated_at = now()
  where id = s.job_id and done + failed = total and status not in ('done', 'failed');
end $$;

-- The parts of a book between its part steps and its join: a private bucket no client role reads.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('job-files', 'job-files', false, 20000000, '{application/pdf}')
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- The archive: a GVCN reads the versions of the homeroom class's book too (as the transcripts of its students).
drop policy document_versions_select on public.document_versions;
create policy document_versions_select on public.document_versions for select to authenticated
  using (school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal,it_staff}'))
         or student_id in (select private.homeroom_student_ids())
         or (kind = 'class_gradebook' and class_id in (select private.homeroom_class_ids())));
comment on policy document_versions_select on public.document_versions is
  'The admin board, the clerk, BGH and IT staff read their school''s archive; a GVCN the versions of their class''s students and of their class''s gradebook.';
