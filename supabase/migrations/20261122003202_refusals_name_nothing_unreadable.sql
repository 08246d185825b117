-- A refusal names only what the caller may read (issue 11, finding 7). Given the id of a student the
-- caller cannot read (another class, another school), rpc/save_score_entries and rpc/save_primary_entries
-- answered with that student's full name (the listing of bad values, the stale-version message, the
-- class rule "Học sinh … không thuộc lớp …"), and whether the answer was a stale version or a class
-- rule told whether that student had an entry there; the subject_comments trigger (and every homeroom
-- sheet's: conduct, attendance, quality ratings, measures) named the student too. The RPCs given a class
-- of another school named it ("Lớp 3A không học môn này", "Chỉ giáo viên chủ nhiệm lớp 10A1 …"), and
-- the absence trigger named any school year. The sweep of every RPC and trigger message
-- (raise exception, format, full_name, detail, hint) changes:
--   * save_score_entries, save_primary_entries: an id outside the sheet (not enrolled in the class) is
--     refused first, before values and versions, with "Học sinh không có trong sổ này" and the ids sent
--     as detail — the same answer for a student of another class, of another school, or nobody; the
--     names that remain (bad values, stale versions) are the sheet's students, whom the caller reads;
--   * check_score_entries, check_class_rows: "Học sinh không có trong lớp <lớp>" (the writer's own class,
--     which RLS or the RPC has let them write), no student name;
--   * save_score_entries, save_primary_entries, save_correction_request, advance_results: a class the
--     caller does not read (classes_select: staff of its year, its families) is "Không tìm thấy lớp",
--     as an unknown id is;
--   * attendance_semester: a date outside the year says so without naming the year.
-- Unchanged because they already name only what the caller reads: gradebook_sheet and class_summary
-- (security invoker: RLS hides a foreign class, which is then "Không tìm thấy lớp"), advance_correction
-- and correction_minutes (requests the caller reads; their items are students of the class), the lock
-- and publication triggers (a class the writer passed RLS for), gradebook_progress, check_inspection,
-- import_class_list (the caller's own rows), change_class, reassign_teacher.

-- Whether the caller reads a class (the predicate of classes_select), or is the service role. Cost: the
-- helpers' index scans.
create function private.reads_class(p_class_id uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return coalesce((select auth.role()), '') = 'service_role'
      or exists (select 1 from public.classes c
                 where c.id = p_class_id
                   and (c.school_year_id in (select private.my_year_ids(private.school_staff_roles()))
                        or c.id in (select private.family_class_ids())));
end $$;
revoke execute on function private.reads_class(uuid) from public, anon;
grant execute on function private.reads_class(uuid) to authenticated, service_role;

-- The class rules of score_entries (TT22 and TT27), the not-enrolled message without the student.
create or replace function private.check_score_entries() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad record;
begin
  with r as (
    select n.kind, n.seq, n.score, n.rating, n.level, n.comment, n.semester, s.full_name as student_name,
           sub.name as subject_name, sub.code as subject_code, sub.assessment_kind, sub.category, sub.school_level,
           c.name as class_name, c.grade,
           greatest(y.max_regular_assessments, public.required_regular_assessments(cs.periods_per_year)) as max_tx,
           exists (select 1 from public.enrolments e where e.student_id = n.student_id and e.class_id = n.class_id) as enrolled,
           exists (select 1 from public.subject_exemptions x where x.student_id = n.student_id and x.subject_id = n.subject_id
                     and x.school_year_id = n.school_year_id and (x.semester is null or x.semester = n.semester)) as exempt
    from new_rows n
    join public.students s on s.id = n.student_id
    join public.subjects sub on sub.id = n.subject_id
    join public.classes c on c.id = n.class_id
    join public.school_years y on y.id = n.school_year_id
    join public.class_subjects cs on cs.class_id = n.class_id and cs.subject_id = n.subject_id
  )
  select * into bad from r
  where category = 'topic' or not enrolled or exempt
     or (school_level <> 'primary' and ((assessment_kind = 'scored') <> (score is not null) or (kind = 'tx' and seq > max_tx)
                                       or level is not null or comment is not null))
     or (school_level = 'primary' and (kind not in ('gk', 'ck') or rating is not null
                                       or (score is not null and (score <> trunc(score) or score not between 1 and 10
                                                                  or not public.tt27_test_required(subject_code, grade, private.tt27_period(semester, kind))))))
  limit 1;
  if not found then
    return null;
  end if;
  if bad.category = 'topic' then
    raise exception '% không có cột điểm riêng: kết quả chuyên đề được nhập là một ĐĐGtx của môn học tương ứng', bad.subject_name
      using errcode = '22023';
  elsif not bad.enrolled then
    raise exception 'Học sinh không có trong lớp %', bad.class_name using errcode = '22023';
  elsif bad.exempt then
    raise exception 'Học sinh % được miễn môn %: không nhập điểm', bad.student_name, bad.subject_name using errcode = '22023';
  elsif bad.school_level = 'primary' then
    if bad.kind not in ('gk', 'ck') then
      raise exception 'Môn % (tiểu học, Thông tư 27) được đánh giá giữa kỳ và cuối kỳ, không có cột %', bad.subject_name,
        private.entry_label(bad.kind, bad.seq) using errcode = '22023';
    elsif bad.rating is not null then
      raise exception 'Môn % (tiểu học) đánh giá theo mức T, H, C, không nhập Đ/CĐ (%)', bad.subject_name, bad.student_name
        using errcode = '22023';
    elsif not public.tt27_test_required(bad.subject_code, bad.grade, private.tt27_period(bad.semester, bad.kind)) then
      raise exception 'Môn % lớp % không có bài kiểm tra định kì vào thời điểm này (%)', bad.subject_name, bad.class_name,
        bad.student_name using errcode = '22023';
    else
      raise exception 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10: % – môn % ("%")', bad.student_name, bad.subject_name,
        replace(bad.score::text, '.', ',') using errcode = '22023';
    end if;
  elsif bad.level is not null or bad.comment is not null then
    raise exception 'Mức T/H/C và nhận xét theo kỳ chỉ dùng cho tiểu học (Thông tư 27); môn % đánh giá theo Thông tư 22',
      bad.subject_name using errcode = '22023';
  elsif bad.kind = 'tx' and bad.seq > bad.max_tx then
    raise exception 'Môn % lớp % có tối đa % cột ĐĐGtx trong một học kỳ (% – %)', bad.subject_name, bad.class_name,
      bad.max_tx, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  elsif bad.assessment_kind = 'scored' then
    raise exception 'Môn % đánh giá bằng điểm số: hãy nhập điểm từ 0 đến 10, không nhập Đ/CĐ (% – %)',
      bad.subject_name, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  else
    raise exception 'Môn % đánh giá bằng nhận xét: chỉ nhập Đ hoặc CĐ, không nhập điểm số (% – %)',
      bad.subject_name, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  end if;
end $$;

-- Comments, conduct, attendance, quality ratings and measures must be about a student of their class.
-- The class is the writer's own (RLS lets only its teachers write it); the student is not named.
create or replace function private.check_class_rows() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad record;
begin
  select c.name as class_name into bad
  from new_rows n
  join public.classes c on c.id = n.class_id
  where not exists (select 1 from public.enrolments e where e.student_id = n.student_id and e.class_id = n.class_id)
  limit 1;
  if found then
    raise exception 'Học sinh không có trong lớp %', bad.class_name using errcode = '22023';
  end if;
  return null;
end $$;

-- The semester of an absence follows its date; a date outside the school year is refused (without
-- naming a year the writer may not read: this runs before RLS).
create or replace function private.attendance_semester() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  y public.school_years;
begin
  select * into y from public.school_years where id = new.school_year_id;
  if new.on_date < y.starts_on or new.on_date > y.ends_on then
    raise exception 'Ngày nghỉ % nằm ngoài năm học của lớp', to_char(new.on_date, 'DD/MM/YYYY')
      using errcode = '23514';
  end if;
  new.semester := case when new.on_date <= y.semester1_ends_on then 1 else 2 end;
  return new;
end $$;

-- rpc/save_score_entries: as 20261122002103, with the class and sheet checks above.
create or replace function public.save_score_entries(p_class_id uuid, p_subject_id uuid, p_semester int, p_changes jsonb)
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
  outsiders jsonb;
begin
  select cl.id, cl.name, cl.school_id, cl.school_year_id, y.code as year_code into cls
  from public.classes cl join public.school_years y on y.id = cl.school_year_id where cl.id = p_class_id;
  if not found or not private.reads_class(p_class_id) then
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

  -- Only the sheet's students: any other id (another class, another school, nobody's) gets one answer,
  -- without a name and before any value or version is looked at, so a refusal tells neither who a
  -- student is nor whether they have an entry.
  select jsonb_agg(distinct r ->> 'student_id') into outsiders
  from jsonb_array_elements(rows_in) r
  where not exists (select 1 from public.enrolments e where e.class_id = p_class_id and e.student_id = (r ->> 'student_id')::uuid);
  if outsiders is not null then
    raise exception 'Học sinh không có trong sổ này' using errcode = '22023', detail = outsiders::text;
  end if;

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
  'Saves changed cells of one gradebook sheet, all or nothing, refusing ids outside the sheet (22023, unnamed), stale versions (PT409), bad values (22023), callers who are not the teacher (42501) and locked sheets (PT423). The assigned teacher (re-test: the GVCN) or the service role; cost ≈ the changed cells.';

-- rpc/save_primary_entries: as 20261122002302, with the class and sheet checks above.
create or replace function public.save_primary_entries(p_class_id uuid, p_subject_id uuid, p_semester int, p_changes jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  sub record;
  c jsonb;
  parsed record;
  errors jsonb := '[]';
  rows_in jsonb := '[]';
  stale text;
  stale_cells jsonb;
  listing text;
  written jsonb;
  v_comment text;
  caller uuid := (select auth.uid());
  outsiders jsonb;
begin
  select cl.id, cl.name, cl.school_id, cl.school_year_id, cl.grade, y.code as year_code into cls
  from public.classes cl join public.school_years y on y.id = cl.school_year_id where cl.id = p_class_id;
  if not found or not private.reads_class(p_class_id) then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  select s.id, s.name, s.code, s.school_level into sub
  from public.subjects s join public.class_subjects cs on cs.subject_id = s.id and cs.class_id = p_class_id
  where s.id = p_subject_id;
  if not found then
    raise exception 'Lớp % không học môn này', cls.name using errcode = '22023';
  end if;
  if sub.school_level <> 'primary' then
    raise exception 'Môn % đánh giá theo Thông tư 22: hãy dùng sổ điểm trung học', sub.name using errcode = '22023';
  end if;
  if p_semester is null or p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if coalesce((select auth.role()), '') <> 'service_role' and not private.teaches(p_class_id, p_subject_id, p_semester) then
    raise exception 'Bạn không được phân công dạy môn % lớp % trong học kỳ % năm học %', sub.name, cls.name,
      case p_semester when 1 then 'I' else 'II' end, cls.year_code using errcode = '42501';
  end if;
  if p_changes is null or jsonb_typeof(p_changes) <> 'array' then
    raise exception 'Dữ liệu gửi lên không hợp lệ: cần một danh sách ô đánh giá' using errcode = '22023';
  end if;
  if jsonb_array_length(p_changes) > 2000 then
    raise exception 'Mỗi lần lưu tối đa 2000 ô' using errcode = '22023';
  end if;

  for c in select * from jsonb_array_elements(p_changes) loop
    if jsonb_typeof(c) <> 'object' or coalesce(c ->> 'student_id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception 'Dữ liệu gửi lên không hợp lệ: thiếu mã học sinh' using errcode = '22023';
    end if;
    if coalesce(c ->> 'kind', '') not in ('gk', 'ck') then
      raise exception 'Tiểu học chỉ có đánh giá giữa kỳ (gk) và cuối kỳ (ck)' using errcode = '22023';
    end if;
    if c ? 'version' and jsonb_typeof(c -> 'version') not in ('number', 'null') then
      raise exception 'Dữ liệu gửi lên không hợp lệ: phiên bản phải là số' using errcode = '22023';
    end if;
    parsed := private.parse_tt27_value(c -> 'level', c -> 'test');
    v_comment := nullif(trim(coalesce(c ->> 'comment', '')), '');
    if parsed.message is null and parsed.score is not null
       and not public.tt27_test_required(sub.code, cls.grade, private.tt27_period(p_semester, (c ->> 'kind')::public.entry_kind)) then
      parsed.message := 'Môn ' || sub.name || ' lớp ' || cls.name || ' không có bài kiểm tra định kì vào thời điểm này';
    end if;
    if parsed.message is null and length(v_comment) > 2000 then
      parsed.message := 'Nhận xét tối đa 2000 ký tự';
    end if;
    if parsed.message is not null then
      errors := errors || jsonb_build_object('student_id', c ->> 'student_id', 'kind', c ->> 'kind', 'message', parsed.message,
        'value', left(coalesce(c ->> 'test', c ->> 'level', ''), 20));
    end if;
    rows_in := rows_in || jsonb_build_object('student_id', c ->> 'student_id', 'kind', c ->> 'kind', 'level', parsed.level,
      'score', parsed.score, 'comment', v_comment, 'version', c -> 'version');
  end loop;

  -- Only the sheet's students: any other id (another class, another school, nobody's) gets one answer,
  -- without a name and before any value or version is looked at, so a refusal tells neither who a
  -- student is nor whether they have an entry.
  select jsonb_agg(distinct r ->> 'student_id') into outsiders
  from jsonb_array_elements(rows_in) r
  where not exists (select 1 from public.enrolments e where e.class_id = p_class_id and e.student_id = (r ->> 'student_id')::uuid);
  if outsiders is not null then
    raise exception 'Học sinh không có trong sổ này' using errcode = '22023', detail = outsiders::text;
  end if;

  if jsonb_array_length(errors) > 0 then
    -- "Điểm kiểm tra định kì là số nguyên từ 1 đến 10: Nguyễn Văn An – cuối năm ("11"), …"
    -- In the order the cells were sent.
    select string_agg(problem || ': ' || cells, '. ' order by first) into listing
    from (select e ->> 'message' as problem,
                 string_agg(coalesce(st.full_name, e ->> 'student_id') || ' – '
                            || case when e ->> 'kind' = 'gk' then 'giữa kỳ' when p_semester = 1 then 'cuối kỳ I' else 'cuối năm' end
                            || ' ("' || coalesce(e ->> 'value', '') || '")', ', ' order by i) as cells,
                 min(i) as first
          from jsonb_array_elements(errors) with ordinality x (e, i) left join public.students st on st.id = (e ->> 'student_id')::uuid
          group by 1) per_problem;
    raise exception '%', listing using errcode = '22023', detail = errors::text;
  end if;
  if (select count(*) <> count(distinct (r ->> 'student_id', r ->> 'kind')) from jsonb_array_elements(rows_in) r) then
    raise exception 'Một ô xuất hiện hai lần trong cùng một lần lưu' using errcode = '22023';
  end if;

  with wanted as (
    select (r ->> 'student_id')::uuid as student_id, (r ->> 'kind')::public.entry_kind as kind, (r ->> 'version')::int as version
    from jsonb_array_elements(rows_in) r
  ), current_rows as (
    select x.student_id, x.kind, x.version from public.score_entries x
    join wanted w on w.student_id = x.student_id and w.kind = x.kind and x.seq = 1
    where x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id and x.semester = p_semester
    for update of x
  )
  select string_agg(coalesce(st.full_name, w.student_id::text), ', '),
         jsonb_agg(jsonb_build_object('student_id', w.student_id, 'kind', w.kind))
  into stale, stale_cells
  from wanted w
  left join current_rows cr on cr.student_id = w.student_id and cr.kind = w.kind
  left join public.students st on st.id = w.student_id
  where cr.version is distinct from w.version;
  if stale is not null then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu: %. Hãy tải lại sổ rồi nhập lại.', stale
      using errcode = 'PT409', detail = stale_cells::text;
  end if;

  begin
    delete from public.score_entries x
    using jsonb_array_elements(rows_in) r
    where r ->> 'level' is null and r ->> 'score' is null and r ->> 'comment' is null
      and x.student_id = (r ->> 'student_id')::uuid and x.kind = (r ->> 'kind')::public.entry_kind and x.seq = 1
      and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id and x.semester = p_semester;
    with upserted as (
      insert into public.score_entries as x (school_id, school_year_id, class_id, student_id, subject_id, semester, kind, seq,
                                             score, level, comment, entered_by)
      select cls.school_id, cls.school_year_id, p_class_id, (r ->> 'student_id')::uuid, p_subject_id, p_semester,
             (r ->> 'kind')::public.entry_kind, 1, (r ->> 'score')::numeric, r ->> 'level', r ->> 'comment', caller
      from jsonb_array_elements(rows_in) r
      where r ->> 'level' is not null or r ->> 'score' is not null or r ->> 'comment' is not null
      on conflict on constraint score_entries_one_per_slot do update
        set score = excluded.score, level = excluded.level, comment = excluded.comment,
            class_id = excluded.class_id, entered_by = excluded.entered_by
      returning x.id, x.student_id, x.kind, x.score, x.level, x.comment, x.version
    )
    select coalesce(jsonb_agg(to_jsonb(u) order by u.student_id, u.kind), '[]') into written from upserted u;
  exception when unique_violation then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại sổ rồi nhập lại.' using errcode = 'PT409';
  end;
  return jsonb_build_object('saved', jsonb_array_length(rows_in), 'entries', written);
end $$;

-- rpc/save_correction_request: as 20261122002200, a class the caller does not read is not found.
create or replace function public.save_correction_request(p_id uuid, p_class_id uuid, p_subject_id uuid, p_semester int,
                                               p_reason text, p_items jsonb)
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  sub record;
  req public.correction_requests;
  c jsonb;
  parsed record;
  v_kind public.entry_kind;
  v_seq int;
  errors text[] := '{}';
  student record;
  cur record;
  caller uuid := (select auth.uid());
begin
  if caller is null then
    raise exception 'Cần đăng nhập bằng tài khoản giáo viên' using errcode = '42501';
  end if;
  if p_id is not null then
    select * into req from public.correction_requests q where q.id = p_id for update;
    if not found or req.requested_by <> caller then
      raise exception 'Không tìm thấy đề nghị sửa điểm của bạn' using errcode = '42501';
    end if;
    if req.status <> 'draft' then
      raise exception 'Đề nghị đã gửi (%): không sửa được nữa', private.status_label(req.status) using errcode = '42501';
    end if;
    p_class_id := req.class_id;
    p_subject_id := req.subject_id;
    p_semester := req.semester;
  end if;
  select cl.id, cl.name, cl.school_id, cl.school_year_id into cls from public.classes cl where cl.id = p_class_id;
  if not found or not private.reads_class(p_class_id) then
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
  if not private.may_save_sheet(p_class_id, p_subject_id, p_semester) then
    raise exception 'Chỉ giáo viên nhập điểm môn % lớp % mới đề nghị sửa điểm của sổ này', sub.name, cls.name
      using errcode = '42501';
  end if;
  if p_reason is null or length(trim(p_reason)) < 10 then
    raise exception 'Hãy ghi rõ lý do sửa điểm (ít nhất 10 ký tự)' using errcode = '22023';
  end if;
  if p_items is null or jsonb_typeof(p_items) <> 'array' or jsonb_array_length(p_items) = 0 then
    raise exception 'Hãy chọn ít nhất một ô điểm cần sửa' using errcode = '22023';
  end if;
  if jsonb_array_length(p_items) > 200 then
    raise exception 'Mỗi đề nghị sửa tối đa 200 ô điểm' using errcode = '22023';
  end if;

  if p_id is null then
    insert into public.correction_requests (school_id, school_year_id, class_id, subject_id, semester, requested_by, reason)
    values (cls.school_id, cls.school_year_id, p_class_id, p_subject_id, p_semester, caller, trim(p_reason))
    returning * into req;
  else
    update public.correction_requests q set reason = trim(p_reason) where q.id = p_id returning * into req;
    delete from public.correction_items i where i.request_id = p_id;
  end if;

  for c in select * from jsonb_array_elements(p_items) loop
    if jsonb_typeof(c) <> 'object' or coalesce(c ->> 'student_id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       or coalesce(c ->> 'kind', '') not in ('tx', 'gk', 'ck', 'retest') then
      raise exception 'Dữ liệu gửi lên không hợp lệ: mỗi ô cần mã học sinh và loại cột' using errcode = '22023';
    end if;
    v_kind := (c ->> 'kind')::public.entry_kind;
    if (v_kind = 'retest') <> (p_semester is null) then
      raise exception 'Cột % không thuộc sổ điểm này', private.entry_label(v_kind, 1) using errcode = '22023';
    end if;
    v_seq := case when v_kind = 'tx' then case when coalesce(c ->> 'seq', '') ~ '^[0-9]{1,2}$' then (c ->> 'seq')::int else 0 end else 1 end;
    if v_seq < 1 then
      raise exception 'Số thứ tự cột ĐĐGtx không hợp lệ' using errcode = '22023';
    end if;
    select st.id, st.full_name into student
    from public.students st
    where st.id = (c ->> 'student_id')::uuid
      and exists (select 1 from public.enrolments e where e.student_id = st.id and e.class_id = p_class_id);
    if not found then
      raise exception 'Học sinh không thuộc lớp %', cls.name using errcode = '22023';
    end if;
    parsed := private.parse_entry_value(c -> 'value', sub.assessment_kind = 'scored');
    select x.score, x.rating into cur from public.score_entries x
    where x.student_id = student.id and x.subject_id = p_subject_id and x.school_year_id = cls.school_year_id
      and x.semester is not distinct from p_semester and x.kind = v_kind and x.seq = v_seq;
    if parsed.message is not null then
      errors := errors || (parsed.message || ': ' || student.full_name || ' – ' || private.entry_label(v_kind, v_seq)
                           || ' ("' || left(coalesce(c ->> 'value', ''), 20) || '")');
    elsif parsed.score is null and parsed.rating is null then
      errors := errors || ('Hãy nhập giá trị đúng: ' || student.full_name || ' – ' || private.entry_label(v_kind, v_seq));
    elsif parsed.score is not distinct from cur.score and parsed.rating is not distinct from cur.rating then
      errors := errors || ('Giá trị đề nghị trùng giá trị đang ghi: ' || student.full_name || ' – ' || private.entry_label(v_kind, v_seq));
    else
      begin
        insert into public.correction_items (request_id, school_id, school_year_id, student_id, kind, seq,
                                             recorded_score, recorded_rating, proposed_score, proposed_rating)
        values (req.id, cls.school_id, cls.school_year_id, student.id, v_kind, v_seq, cur.score, cur.rating, parsed.score, parsed.rating);
      exception when unique_violation then
        raise exception 'Một ô điểm xuất hiện hai lần trong đề nghị: % – %', student.full_name, private.entry_label(v_kind, v_seq)
          using errcode = '22023';
      end;
    end if;
  end loop;
  if cardinality(errors) > 0 then
    raise exception '%', array_to_string(errors, '. ') using errcode = '22023';
  end if;
  return req.id;
end $$;

-- rpc/advance_results: as 20261122002202, a class the caller does not read is not found.
create or replace function public.advance_results(p_class_id uuid, p_semester int, p_action text, p_note text default null)
returns public.result_publications
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  pub public.result_publications;
  caller uuid := (select auth.uid());
  missing text;
  target public.publication_status;
begin
  select c.id, c.name, c.school_id, c.school_year_id, c.homeroom_teacher_id into cls from public.classes c where c.id = p_class_id;
  if not found or not private.reads_class(p_class_id) then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1, 2 hoặc cả năm' using errcode = '22023';
  end if;
  if p_action not in ('propose', 'withdraw', 'return', 'approve', 'publish') then
    raise exception 'Thao tác "%" không tồn tại', p_action using errcode = '22023';
  end if;
  if p_action in ('propose', 'withdraw') then
    if p_class_id not in (select private.homeroom_class_ids()) then
      raise exception 'Chỉ giáo viên chủ nhiệm lớp % trình duyệt kết quả của lớp', cls.name using errcode = '42501';
    end if;
  elsif not private.holds_role(caller, cls.school_year_id, '{principal,vice_principal}') then
    raise exception 'Chỉ Ban giám hiệu duyệt và công bố kết quả' using errcode = '42501';
  end if;

  insert into public.result_publications (school_id, school_year_id, class_id, semester)
  values (cls.school_id, cls.school_year_id, p_class_id, p_semester)
  on conflict on constraint result_publications_one_per_period do nothing;
  select * into pub from public.result_publications p
  where p.class_id = p_class_id and p.semester is not distinct from p_semester for update;

  target := case p_action when 'propose' then 'proposed' when 'withdraw' then 'draft' when 'return' then 'draft'
                          when 'approve' then 'approved' else 'published' end;
  if (pub.status, target) not in (('draft', 'proposed'), ('proposed', 'draft'), ('proposed', 'approved'), ('approved', 'published')) then
    raise exception 'Kết quả lớp % đang ở trạng thái "%": không thực hiện được', cls.name,
      case pub.status when 'draft' then 'chưa trình' when 'proposed' then 'đã trình duyệt' when 'approved' then 'đã duyệt' else 'đã công bố' end
      using errcode = 'PT409';
  end if;

  if p_action = 'propose' then
    missing := private.missing_results(p_class_id, p_semester);
    if missing <> '' then
      raise exception 'Chưa trình duyệt được kết quả lớp %: %', cls.name, missing using errcode = '22023';
    end if;
    update public.result_publications p set status = 'proposed', proposed_by = caller, proposed_at = now(),
      approved_by = null, approved_at = null
    where p.id = pub.id returning * into pub;
  elsif p_action in ('withdraw', 'return') then
    if p_action = 'return' and length(trim(coalesce(p_note, ''))) < 3 then
      raise exception 'Hãy ghi lý do trả lại' using errcode = '22023';
    end if;
    update public.result_publications p set status = 'draft' where p.id = pub.id returning * into pub;
  elsif p_action = 'approve' then
    if pub.proposed_by = caller then
      raise exception 'Người trình duyệt không được tự duyệt kết quả' using errcode = '42501';
    end if;
    update public.result_publications p set status = 'approved', approved_by = caller, approved_at = now()
    where p.id = pub.id returning * into pub;
  else
    update public.result_publications p set status = 'published', published_by = caller, published_at = now()
    where p.id = pub.id returning * into pub;
  end if;
  insert into public.result_publication_events (publication_id, school_id, school_year_id, action, actor_id, note)
  values (pub.id, pub.school_id, pub.school_year_id, p_action, caller, nullif(trim(p_note), ''));
  return pub;
end $$;
