-- The gradebook's three calls from the admin: read one sheet (class × subject × semester), save it
-- without losing anybody's update, and the homeroom class summary. PostgREST has no If-Match, so the
-- save takes the version each entry was read at and refuses, naming the entries, when any changed in
-- between; the whole save is one statement per operation, all or nothing.

-- Whether the caller reads the gradebook of (class, subject): the predicate of score_entries_select,
-- asked of one sheet. Cost: the helpers' index scans.
create function private.reads_gradebook(p_school_id uuid, p_class_id uuid, p_subject_id uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return private.reads_all_gradebooks()
      or p_school_id in (select private.my_school_ids(private.gradebook_school_roles()))
      or exists (select 1 from private.taught_class_subjects() t where t.class_id = p_class_id and t.subject_id = p_subject_id)
      or p_class_id in (select private.homeroom_class_ids());
end $$;
revoke execute on function private.reads_gradebook(uuid, uuid, uuid) from public, anon;
grant execute on function private.reads_gradebook(uuid, uuid, uuid) to authenticated, service_role;

-- One sheet: the class's students (Vietnamese order) with their entries of that subject and semester
-- (null = the re-test sheet), their exemption, and the average as subject_results computes it; plus
-- what the grid needs to know: required and allowed ĐĐGtx, whether the sheet is locked and whether the
-- caller may save it. Refused (42501) to a caller who does not read that gradebook. Security invoker:
-- RLS applies to every row read. Cost: one class (≈ 40 students × ≈ 7 entries).
create function public.gradebook_sheet(p_class_id uuid, p_subject_id uuid, p_semester int) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  cls record;
  sub record;
  students jsonb;
begin
  select c.id, c.name, c.school_id, c.school_year_id, y.code as year_code, y.max_regular_assessments into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  select s.id, s.code, s.name, s.assessment_kind, s.category, cs.periods_per_year into sub
  from public.subjects s join public.class_subjects cs on cs.subject_id = s.id and cs.class_id = p_class_id
  where s.id = p_subject_id;
  if not found then
    raise exception 'Lớp % không học môn này', cls.name using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if not private.reads_gradebook(cls.school_id, p_class_id, p_subject_id) then
    raise exception 'Bạn không được phân công dạy môn % lớp %: không xem được sổ điểm này', sub.name, cls.name
      using errcode = '42501';
  end if;

  select coalesce(jsonb_agg(jsonb_build_object(
           'student_id', st.id, 'student_code', st.student_code, 'full_name', st.full_name,
           'exempt', exists (select 1 from public.subject_exemptions x
                             where x.student_id = st.id and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id
                               and (x.semester is null or x.semester is not distinct from p_semester)),
           'entries', (select coalesce(jsonb_agg(jsonb_build_object(
                          'id', x.id, 'kind', x.kind, 'seq', x.seq, 'score', x.score, 'rating', x.rating,
                          'is_makeup', x.is_makeup, 'version', x.version) order by x.kind, x.seq), '[]')
                       from public.score_entries x
                       where x.student_id = st.id and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id
                         and x.semester is not distinct from p_semester),
           'average', r.average, 'rating', r.rating)
         order by st.given_name, st.family_name, st.middle_name, st.student_code), '[]')
  into students
  from (select distinct e.student_id from public.enrolments e where e.class_id = p_class_id) e
  join public.students st on st.id = e.student_id
  left join public.subject_results r on r.student_id = st.id and r.subject_id = p_subject_id
    and r.school_year_id = cls.school_year_id and r.class_id = p_class_id and r.semester is not distinct from p_semester;

  return jsonb_build_object(
    'class', jsonb_build_object('id', cls.id, 'name', cls.name, 'school_year_id', cls.school_year_id, 'school_year_code', cls.year_code),
    'subject', jsonb_build_object('id', sub.id, 'code', sub.code, 'name', sub.name, 'assessment_kind', sub.assessment_kind),
    'semester', p_semester,
    'periods_per_year', sub.periods_per_year,
    'required_regular', public.required_regular_assessments(sub.periods_per_year),
    'max_regular', greatest(cls.max_regular_assessments, public.required_regular_assessments(sub.periods_per_year)),
    'locked', private.gradebook_locked(cls.school_year_id, p_semester, p_class_id, p_subject_id),
    'can_edit', case when p_semester is null then p_class_id in (select private.homeroom_class_ids())
                     else private.teaches(p_class_id, p_subject_id, p_semester) end,
    'students', students);
end $$;
comment on function public.gradebook_sheet(uuid, uuid, int) is
  'One gradebook sheet (class × subject × semester, null = re-test) with entries, versions, averages, lock state and whether the caller may save. Readers of that gradebook; one class.';
revoke execute on function public.gradebook_sheet(uuid, uuid, int) from public, anon;
grant execute on function public.gradebook_sheet(uuid, uuid, int) to authenticated, service_role;

-- Reads a cell value typed by a teacher: a score for a scored subject ("8,5" or 8.5; 0–10, at most one
-- decimal), Đ / CĐ (or true / false) for a comment-only one. Returns (score, rating, message): both
-- null when the cell is cleared, message (the rule broken, in Vietnamese) when the value is refused.
-- Cost: constant.
create function private.parse_entry_value(value jsonb, scored boolean, out score numeric, out rating boolean, out message text)
language plpgsql immutable set search_path = ''
as $$
declare
  t text;
begin
  if value is null or jsonb_typeof(value) = 'null' or (jsonb_typeof(value) = 'string' and trim(value #>> '{}') = '') then
    return;
  end if;
  t := case jsonb_typeof(value) when 'string' then trim(value #>> '{}') else value::text end;
  if scored then
    t := replace(t, ',', '.');
    -- At most one significant decimal: "8,5", "8.50" and 10.0 are fine, 8.25 is not.
    if jsonb_typeof(value) in ('string', 'number') and t ~ '^[0-9]{1,2}(\.[0-9]0*)?$' and t::numeric <= 10 then
      score := round(t::numeric, 1);
    elsif t in ('Đ', 'đ', 'D', 'd', 'CĐ', 'cđ', 'Cđ', 'CD', 'cd', 'Cd', 'true', 'false') then
      message := 'Môn này đánh giá bằng điểm số: hãy nhập điểm từ 0 đến 10, không nhập Đ/CĐ';
    else
      message := 'Điểm phải từ 0 đến 10, tối đa một chữ số thập phân';
    end if;
  else
    if t in ('Đ', 'đ', 'D', 'd', 'true') then
      rating := true;
    elsif t in ('CĐ', 'cđ', 'Cđ', 'CD', 'cd', 'Cd', 'false') then
      rating := false;
    else
      message := 'Môn này đánh giá bằng nhận xét: chỉ nhập Đ hoặc CĐ';
    end if;
  end if;
end $$;
revoke execute on function private.parse_entry_value(jsonb, boolean) from public, anon;
grant execute on function private.parse_entry_value(jsonb, boolean) to authenticated, service_role;

-- Saves changed cells of one sheet, all or nothing. p_changes: [{student_id, kind, seq, value, version,
-- is_makeup}] — version is what the client read (null = the cell was empty); value null or "" clears
-- the cell (the row is deleted, audited). Semester 1/2: the teacher of the active assignment covering
-- it; null (re-test): the homeroom teacher of the class; the service role too. Refuses with a
-- Vietnamese message: 22023 bad values (every bad cell listed in `details`), 42501 not the teacher,
-- PT409 stale versions (the entries named, `details` lists them), PT423 locked (from the lock trigger),
-- and the class rules of check_score_entries. Returns {saved, entries: [written rows], averages:
-- [{student_id, average, rating}]}. Security definer because clients have no write grant on
-- score_entries (so no client can skip the version check); it acts only after the checks above, and
-- the table triggers (rules, lock, audit) run for it as for everyone. Cost: three statements over the
-- changed rows (≈ 45 for a column).
create function public.save_score_entries(p_class_id uuid, p_subject_id uuid, p_semester int, p_changes jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  sub record;
  c jsonb;
  parsed record;
  errors jsonb := '[]';
  stale jsonb;
  listing text;
  students_seen uuid[];
  kind public.entry_kind;
  seq int;
  allowed_kinds public.entry_kind[] := case when p_semester is null then '{retest}'::public.entry_kind[] else '{tx,gk,ck}' end;
  rows_in jsonb := '[]';
  written jsonb;
  averages jsonb;
  caller uuid := (select auth.uid());
begin
  select cl.id, cl.name, cl.school_id, cl.school_year_id, y.code as year_code into cls
  from public.classes cl join public.school_years y on y.id = cl.school_year_id where cl.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  select s.id, s.name, s.assessment_kind into sub
  from public.subjects s join public.class_subjects cs on cs.subject_id = s.id and cs.class_id = p_class_id
  where s.id = p_subject_id;
  if not found then
    raise exception 'Lớp % không học môn này', cls.name using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if coalesce((select auth.role()), '') <> 'service_role' then
    if p_semester is null and p_class_id not in (select private.homeroom_class_ids()) then
      raise exception 'Chỉ giáo viên chủ nhiệm lớp % nhập kết quả kiểm tra lại', cls.name using errcode = '42501';
    elsif p_semester is not null and not private.teaches(p_class_id, p_subject_id, p_semester) then
      raise exception 'Bạn không được phân công dạy môn % lớp % trong học kỳ % năm học %', sub.name, cls.name,
        case p_semester when 1 then 'I' else 'II' end, cls.year_code using errcode = '42501';
    end if;
  end if;
  if p_changes is null or jsonb_typeof(p_changes) <> 'array' then
    raise exception 'Dữ liệu gửi lên không hợp lệ: cần một danh sách ô điểm' using errcode = '22023';
  end if;
  if jsonb_array_length(p_changes) > 2000 then
    raise exception 'Mỗi lần lưu tối đa 2000 ô điểm' using errcode = '22023';
  end if;

  -- Read every cell; collect every refusal so the teacher sees all of them at once.
  for c in select * from jsonb_array_elements(p_changes) loop
    if jsonb_typeof(c) <> 'object' or jsonb_typeof(c -> 'student_id') <> 'string'
       or (c ->> 'student_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception 'Dữ liệu gửi lên không hợp lệ: thiếu mã học sinh' using errcode = '22023';
    end if;
    if coalesce(c ->> 'kind', '') not in ('tx', 'gk', 'ck', 'retest') then
      raise exception 'Loại cột "%" không tồn tại', c ->> 'kind' using errcode = '22023';
    end if;
    kind := (c ->> 'kind')::public.entry_kind;
    if not kind = any (allowed_kinds) then
      raise exception 'Cột % không dùng được trong sổ điểm này', private.entry_label(kind, 1) using errcode = '22023';
    end if;
    seq := case when kind = 'tx' then
             case when coalesce(c ->> 'seq', '') ~ '^[0-9]{1,2}$' then (c ->> 'seq')::int else -1 end
           else 1 end;
    if seq < 1 then
      raise exception 'Số thứ tự cột ĐĐGtx không hợp lệ' using errcode = '22023';
    end if;
    if c ? 'version' and jsonb_typeof(c -> 'version') not in ('number', 'null') then
      raise exception 'Dữ liệu gửi lên không hợp lệ: phiên bản phải là số' using errcode = '22023';
    end if;
    parsed := private.parse_entry_value(c -> 'value', sub.assessment_kind = 'scored');
    if parsed.message is not null then
      errors := errors || jsonb_build_object('student_id', c ->> 'student_id', 'kind', kind, 'seq', seq,
                                             'value', left(c ->> 'value', 20), 'message', parsed.message);
    end if;
    rows_in := rows_in || jsonb_build_object(
      'student_id', c ->> 'student_id', 'kind', kind, 'seq', seq, 'score', parsed.score, 'rating', parsed.rating,
      'is_makeup', coalesce(jsonb_typeof(c -> 'is_makeup') = 'boolean' and (c ->> 'is_makeup')::boolean, false),
      'version', c -> 'version');
  end loop;

  if jsonb_array_length(errors) > 0 then
    -- "Điểm phải từ 0 đến 10, tối đa một chữ số thập phân: Nguyễn Văn An – TX2 ("10.5"), …"
    select string_agg(problem || ': ' || cells, '. ') into listing
    from (select e ->> 'message' as problem,
                 string_agg(coalesce(st.full_name, e ->> 'student_id') || ' – '
                            || private.entry_label((e ->> 'kind')::public.entry_kind, (e ->> 'seq')::int)
                            || ' ("' || coalesce(e ->> 'value', '') || '")', ', ') as cells
          from jsonb_array_elements(errors) e left join public.students st on st.id = (e ->> 'student_id')::uuid
          group by 1) per_problem;
    raise exception '%', listing using errcode = '22023', detail = errors::text;
  end if;

  -- Two changes to the same cell in one save are a client error, not a merge.
  if (select count(*) <> count(distinct (r ->> 'student_id', r ->> 'kind', r ->> 'seq')) from jsonb_array_elements(rows_in) r) then
    raise exception 'Một ô điểm xuất hiện hai lần trong cùng một lần lưu' using errcode = '22023';
  end if;

  -- Versions: lock the current rows of the changed cells, then compare.
  with wanted as (
    select (r ->> 'student_id')::uuid as student_id, (r ->> 'kind')::public.entry_kind as kind, (r ->> 'seq')::int as seq,
           (r ->> 'version')::int as version
    from jsonb_array_elements(rows_in) r
  ), current_rows as (
    select x.student_id, x.kind, x.seq, x.version
    from public.score_entries x
    join wanted w on w.student_id = x.student_id and w.kind = x.kind and w.seq = x.seq
    where x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id and x.semester is not distinct from p_semester
    for update of x
  )
  select jsonb_agg(jsonb_build_object('student_id', w.student_id, 'kind', w.kind, 'seq', w.seq,
                                      'label', coalesce(st.full_name, w.student_id::text) || ' – ' || private.entry_label(w.kind, w.seq)))
  into stale
  from wanted w
  left join current_rows cr on cr.student_id = w.student_id and cr.kind = w.kind and cr.seq = w.seq
  left join public.students st on st.id = w.student_id
  where cr.version is distinct from w.version;
  if stale is not null then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu: %. Hãy tải lại sổ điểm rồi nhập lại.',
      (select string_agg(s ->> 'label', ', ') from jsonb_array_elements(stale) s)
      using errcode = 'PT409', detail = (select jsonb_agg(s - 'label') from jsonb_array_elements(stale) s)::text;
  end if;

  begin
    -- Cleared cells.
    delete from public.score_entries x
    using jsonb_array_elements(rows_in) r
    where (r ->> 'score') is null and (r ->> 'rating') is null
      and x.student_id = (r ->> 'student_id')::uuid and x.kind = (r ->> 'kind')::public.entry_kind and x.seq = (r ->> 'seq')::int
      and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id and x.semester is not distinct from p_semester;

    -- New and changed cells, one statement.
    with upserted as (
      insert into public.score_entries as x (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq,
                                             score, rating, is_makeup, entered_by)
      select cls.school_id, cls.school_year_id, p_class_id, (r ->> 'student_id')::uuid, p_subject_id, p_semester,
             (r ->> 'kind')::public.entry_kind, (r ->> 'seq')::int, (r ->> 'score')::numeric, (r ->> 'rating')::boolean,
             (r ->> 'is_makeup')::boolean, caller
      from jsonb_array_elements(rows_in) r
      where (r ->> 'score') is not null or (r ->> 'rating') is not null
      on conflict on constraint score_entries_one_per_slot do update
        set score = excluded.score, rating = excluded.rating, is_makeup = excluded.is_makeup,
            class_id = excluded.class_id, entered_by = excluded.entered_by
      returning x.id, x.student_id, x.kind, x.seq, x.score, x.rating, x.is_makeup, x.version
    )
    select coalesce(jsonb_agg(to_jsonb(u) order by u.student_id, u.kind, u.seq), '[]') into written from upserted u;
  exception when unique_violation then
    -- Someone inserted the same empty cell between our check and our insert.
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại sổ điểm rồi nhập lại.'
      using errcode = 'PT409';
  end;

  select coalesce(array_agg(distinct (r ->> 'student_id')::uuid), '{}') into students_seen from jsonb_array_elements(rows_in) r;
  select coalesce(jsonb_agg(jsonb_build_object('student_id', sr.student_id, 'average', sr.average, 'rating', sr.rating)), '[]')
  into averages
  from public.subject_results sr
  where sr.student_id = any (students_seen) and sr.subject_id = p_subject_id and sr.school_year_id = cls.school_year_id
    and sr.semester is not distinct from p_semester;

  return jsonb_build_object('saved', jsonb_array_length(rows_in), 'entries', written, 'averages', averages);
end $$;
comment on function public.save_score_entries(uuid, uuid, int, jsonb) is
  'Saves changed cells of one gradebook sheet, all or nothing, refusing stale versions (PT409), bad values (22023), callers who are not the teacher (42501) and locked sheets (PT423). The assigned teacher (re-test: the GVCN) or the service role; cost ≈ the changed cells.';
revoke execute on function public.save_score_entries(uuid, uuid, int, jsonb) from public, anon;
grant execute on function public.save_score_entries(uuid, uuid, int, jsonb) to authenticated, service_role;

-- The homeroom class summary for a semester (null = the year): every subject's result per student,
-- the learning and conduct levels, absences, promotion and award, from subject_results and
-- student_results (so the same rules as everywhere). Security invoker: a caller who does not read the
-- class's results gets 42501. Cost: one class (≈ 40 students × ≈ 12 subjects).
create function public.class_summary(p_class_id uuid, p_semester int default null) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  cls record;
  subjects jsonb;
  students jsonb;
begin
  select c.id, c.name, c.school_id, c.school_year_id, y.code as year_code into cls
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
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
                            order by s.sort_order, s.name), '[]')
  into subjects
  from public.class_subjects cs join public.subjects s on s.id = cs.subject_id
  where cs.class_id = p_class_id and s.category <> 'topic';

  -- student_results carries each subject's values, so the subject results are computed once.
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

  return jsonb_build_object(
    'class', jsonb_build_object('id', cls.id, 'name', cls.name, 'school_year_id', cls.school_year_id, 'school_year_code', cls.year_code),
    'semester', p_semester, 'subjects', subjects, 'students', students);
end $$;
comment on function public.class_summary(uuid, int) is
  'Tổng hợp kết quả lớp: every subject result, learning and conduct levels, absences, promotion and award per student of a class for a semester or the year (null). BGH, admin board, clerk, the GVCN; one class.';
revoke execute on function public.class_summary(uuid, int) from public, anon;
grant execute on function public.class_summary(uuid, int) to authenticated, service_role;
