-- The homeroom teacher's sheets save as the gradebook does (issue 18, item 5 "one homeroom sheet"): Rèn
-- luyện (conduct_ratings), Chuyên cần (attendance), Phẩm chất – năng lực (quality_ratings) and Chiều cao,
-- cân nặng (student_measures) each had the admin send several PostgREST requests — deletes, then updates,
-- then inserts — stopped at the first refusal, so a refused save could leave half of it written. Each now
-- has one RPC with save_score_entries' contract: a batch of cells with the version each was read at, all
-- or nothing, refused with a Vietnamese sentence naming the first problem —
--   22023 a class the caller does not read ("Không tìm thấy lớp"), an id outside the sheet (unnamed, as
--         save_score_entries), bad values (every bad cell listed at once);
--   42501 not the class's GVCN (measures: the nurse, or the GVCN of a primary class where the school has
--         no nurse — the rules of each table's write policies, through the same private helpers);
--   PT409 a cell someone else saved meanwhile (the students named);
--   PT423 a locked or frozen period (from the tables' lock and freeze triggers, which run for the RPCs
--         as for every writer, with the class rules, entered_by and the audit).
-- Security definer, as save_score_entries: the RPC acts only after the checks above, which are the
-- tables' policies asked of the whole batch; the table triggers apply to what it writes. Direct writes
-- through PostgREST stay as the policies allow (the matrix tests and imports use them).
--
-- And a friction finding: attendance took absences dated after today. A day that has not come cannot be
-- an absence: a trigger refuses it for every writer acting for a person (a request with a user; the RPC
-- included), with a sentence naming the day and today — the pinned public.app_today(), never now(). The
-- back end without a user (the seed, the service role loading a year's history, test fixtures) is not
-- refused, as stamp_entered_by leaves such writers alone.

-- ---------------------------------------------------------------------------------------------------
-- Absences are not recorded ahead
-- ---------------------------------------------------------------------------------------------------
create function private.refuse_future_absence() returns trigger
language plpgsql set search_path = ''
as $$
declare
  today constant date := public.app_today();
begin
  if (select auth.uid()) is not null and new.on_date > today then
    raise exception 'Ngày % chưa đến: chỉ ghi ngày nghỉ học đến hôm nay (%).',
      to_char(new.on_date, 'DD/MM/YYYY'), to_char(today, 'DD/MM/YYYY') using errcode = '23514';
  end if;
  return new;
end $$;
comment on function private.refuse_future_absence() is
  'Trigger (before insert or update of on_date on attendance): refuses an absence dated after public.app_today() to a writer acting for a user (23514, the day and today named). Cost: constant.';
revoke execute on function private.refuse_future_absence() from public, anon, authenticated;
-- Named to fire before attendance_semester (row triggers fire in name order): a day both ahead and
-- outside the year is told it has not come.
create trigger attendance_not_ahead before insert or update of on_date on public.attendance
  for each row execute function private.refuse_future_absence();

-- ---------------------------------------------------------------------------------------------------
-- What the four saves share
-- ---------------------------------------------------------------------------------------------------

-- The class of a homeroom sheet, checked for the caller: a class they do not read is "Không tìm thấy
-- lớp" (as an unknown id); unless p_keeper is false, the caller must be its GVCN (the rule of the
-- write policies of conduct_ratings, attendance and quality_ratings: private.homeroom_class_ids()), the
-- service role excepted. p_what names the sheet in the refusal. Cost: the helpers' index scans.
create function private.homeroom_sheet_class(p_class_id uuid, p_what text, p_keeper boolean default true,
  out id uuid, out name text, out school_id uuid, out school_year_id uuid, out year_code text, out school_level text,
  out starts_on date, out ends_on date)
language plpgsql stable security definer set search_path = ''
as $$ begin
  select c.id, c.name, c.school_id, c.school_year_id, y.code, o.school_level::text, y.starts_on, y.ends_on
  into id, name, school_id, school_year_id, year_code, school_level, starts_on, ends_on
  from public.classes c
  join public.school_years y on y.id = c.school_year_id
  join public.org_units o on o.id = c.school_id
  where c.id = p_class_id;
  if not found or not private.reads_class(p_class_id) then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  if p_keeper and coalesce((select auth.role()), '') <> 'service_role'
     and p_class_id not in (select private.homeroom_class_ids()) then
    raise exception 'Chỉ giáo viên chủ nhiệm lớp % ghi % của lớp', name, p_what using errcode = '42501';
  end if;
end $$;
revoke execute on function private.homeroom_sheet_class(uuid, text, boolean) from public, anon;
grant execute on function private.homeroom_sheet_class(uuid, text, boolean) to authenticated, service_role;

-- The shape every batch shares, refused before anything is read: a JSON array of at most 2000 objects,
-- each with a student id, and a version that is a number or null. Cost: one pass over the batch.
create function private.check_sheet_batch(p_changes jsonb) returns void
language plpgsql immutable set search_path = ''
as $$
declare
  c jsonb;
begin
  if p_changes is null or jsonb_typeof(p_changes) <> 'array' then
    raise exception 'Dữ liệu gửi lên không hợp lệ: cần một danh sách ô' using errcode = '22023';
  end if;
  if jsonb_array_length(p_changes) > 2000 then
    raise exception 'Mỗi lần lưu tối đa 2000 ô' using errcode = '22023';
  end if;
  for c in select * from jsonb_array_elements(p_changes) loop
    if jsonb_typeof(c) <> 'object' or jsonb_typeof(c -> 'student_id') is distinct from 'string'
       or (c ->> 'student_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception 'Dữ liệu gửi lên không hợp lệ: thiếu mã học sinh' using errcode = '22023';
    end if;
    if c ? 'version' and jsonb_typeof(c -> 'version') not in ('number', 'null') then
      raise exception 'Dữ liệu gửi lên không hợp lệ: phiên bản phải là số' using errcode = '22023';
    end if;
  end loop;
end $$;
revoke execute on function private.check_sheet_batch(jsonb) from public, anon;
grant execute on function private.check_sheet_batch(jsonb) to authenticated, service_role;

-- Only the sheet's students: any other id (another class, another school, nobody's) gets one answer,
-- without a name and before any value or version is looked at (as save_score_entries). Cost: an index
-- probe of enrolments per student sent.
create function private.refuse_outside_sheet(p_class_id uuid, p_changes jsonb) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  outsiders jsonb;
begin
  select jsonb_agg(distinct c ->> 'student_id') into outsiders
  from jsonb_array_elements(p_changes) c
  where not exists (select 1 from public.enrolments e where e.class_id = p_class_id and e.student_id = (c ->> 'student_id')::uuid);
  if outsiders is not null then
    raise exception 'Học sinh không có trong sổ này' using errcode = '22023', detail = outsiders::text;
  end if;
end $$;
-- Called by the security-definer saves only (it reads names of any id): nobody else executes it.
revoke execute on function private.refuse_outside_sheet(uuid, jsonb) from public, anon, authenticated;

-- Refuses a batch with bad values, listing every one in the order sent, grouped by the rule broken:
-- "Mức rèn luyện chỉ là Tốt, Khá, Đạt hoặc Chưa đạt: Nguyễn Văn An ("x"), Trần Thị Bình ("y")". p_errors:
-- [{student_id, label (the cell within the student's row, or null), value, message}] — the students are
-- the sheet's (refuse_outside_sheet ran first), whom the caller reads. Cost: the bad cells.
create function private.refuse_bad_cells(p_errors jsonb) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  listing text;
begin
  if p_errors is null or jsonb_array_length(p_errors) = 0 then
    return;
  end if;
  select string_agg(problem || ': ' || cells, '. ' order by first) into listing
  from (select e ->> 'message' as problem,
               string_agg(coalesce(st.full_name, e ->> 'student_id') || coalesce(' – ' || (e ->> 'label'), '')
                          || ' ("' || coalesce(e ->> 'value', '') || '")', ', ' order by i) as cells,
               min(i) as first
        from jsonb_array_elements(p_errors) with ordinality x (e, i)
        left join public.students st on st.id = (e ->> 'student_id')::uuid
        group by 1) per_problem;
  raise exception '%', listing using errcode = '22023', detail = p_errors::text;
end $$;
-- Called by the security-definer saves only (it reads names of any id): nobody else executes it.
revoke execute on function private.refuse_bad_cells(jsonb) from public, anon, authenticated;

-- Refuses a batch where a cell was saved by someone else after the caller read it: p_stale lists
-- [{student_id, label}] (label: the cell within the row, or null). The students are the sheet's.
create function private.refuse_stale_cells(p_stale jsonb, p_sheet text) returns void
language plpgsql stable security definer set search_path = ''
as $$ begin
  if p_stale is null or jsonb_array_length(p_stale) = 0 then
    return;
  end if;
  raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu: %. Hãy tải lại % rồi nhập lại.',
    (select string_agg(coalesce(st.full_name, s ->> 'student_id') || coalesce(' – ' || (s ->> 'label'), ''), ', ' order by i)
     from jsonb_array_elements(p_stale) with ordinality x (s, i) left join public.students st on st.id = (s ->> 'student_id')::uuid),
    p_sheet
    using errcode = 'PT409', detail = (select jsonb_agg(s - 'label') from jsonb_array_elements(p_stale) s)::text;
end $$;
-- Called by the security-definer saves only (it reads names of any id): nobody else executes it.
revoke execute on function private.refuse_stale_cells(jsonb, text) from public, anon, authenticated;

-- The Vietnamese name of a TT27 quality or competency (the form's words), for messages.
create function private.tt27_quality_label(p_code text) returns text
language sql immutable set search_path = ''
as $$
  select case p_code
    when 'yeu_nuoc' then 'Yêu nước' when 'nhan_ai' then 'Nhân ái' when 'cham_chi' then 'Chăm chỉ'
    when 'trung_thuc' then 'Trung thực' when 'trach_nhiem' then 'Trách nhiệm' when 'tu_chu_tu_hoc' then 'Tự chủ và tự học'
    when 'giao_tiep_hop_tac' then 'Giao tiếp và hợp tác' when 'gqvd_sang_tao' then 'Giải quyết vấn đề và sáng tạo'
    when 'ngon_ngu' then 'Ngôn ngữ' when 'tinh_toan' then 'Tính toán' when 'khoa_hoc' then 'Khoa học'
    when 'cong_nghe' then 'Công nghệ' when 'tin_hoc' then 'Tin học' when 'tham_mi' then 'Thẩm mĩ' when 'the_chat' then 'Thể chất'
    else p_code end
$$;
revoke execute on function private.tt27_quality_label(text) from public, anon;
grant execute on function private.tt27_quality_label(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- rpc/save_conduct_ratings
-- ---------------------------------------------------------------------------------------------------

-- Saves changed rows of one conduct sheet (class × semester 1/2, null = the re-rating after summer
-- training), all or nothing. p_changes: [{student_id, level ('tot' | 'kha' | 'dat' | 'chua_dat'; null or
-- "" clears the rating, deleting the row), comment, version}] — version as read, null when the student had
-- no rating. The class's GVCN, or the service role. Errors as the file header says; the level check, the
-- class rules (students of the class, secondary classes only), locks and audit are the table's. Returns
-- {saved, rows: [{id, student_id, level, comment, version}]} (the rows written). Cost: three statements
-- over the changed rows (≈ 45).
create function public.save_conduct_ratings(p_class_id uuid, p_semester int, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  c jsonb;
  v_level text;
  v_comment text;
  problem text;
  errors jsonb := '[]';
  rows_in jsonb := '[]';
  stale jsonb;
  written jsonb;
  caller uuid := (select auth.uid());
begin
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2 (để trống: đánh giá lại sau rèn luyện hè)' using errcode = '22023';
  end if;
  select * into cls from private.homeroom_sheet_class(p_class_id, 'kết quả rèn luyện');
  perform private.check_sheet_batch(p_changes);
  perform private.refuse_outside_sheet(p_class_id, p_changes);

  for c in select * from jsonb_array_elements(p_changes) loop
    v_level := nullif(trim(coalesce(c ->> 'level', '')), '');
    v_comment := nullif(trim(coalesce(c ->> 'comment', '')), '');
    problem := case
      when v_level is not null and v_level not in ('tot', 'kha', 'dat', 'chua_dat') then 'Mức rèn luyện chỉ là Tốt, Khá, Đạt hoặc Chưa đạt'
      when v_level is null and v_comment is not null then 'Nhận xét cần đi kèm mức rèn luyện'
      when length(v_comment) > 2000 then 'Nhận xét tối đa 2000 ký tự' end;
    if problem is not null then
      errors := errors || jsonb_build_object('student_id', c ->> 'student_id', 'label', null, 'message', problem,
                                             'value', left(coalesce(v_level, v_comment, ''), 20));
    end if;
    rows_in := rows_in || jsonb_build_object('student_id', c ->> 'student_id', 'level', v_level, 'comment', v_comment, 'version', c -> 'version');
  end loop;
  perform private.refuse_bad_cells(errors);
  if (select count(*) <> count(distinct r ->> 'student_id') from jsonb_array_elements(rows_in) r) then
    raise exception 'Một học sinh xuất hiện hai lần trong cùng một lần lưu' using errcode = '22023';
  end if;

  -- One save of a sheet at a time (a transaction-scoped lock on the sheet): the versions compared below
  -- stay true until the write, also for cells that have no row yet (for update locks only existing rows).
  perform pg_advisory_xact_lock(hashtextextended('conduct_ratings/' || p_class_id || '/' || coalesce(p_semester::text, 'summer'), 0));

  -- Versions: lock the current rows of the changed students, then compare (a row kept under another
  -- class — the student moved — is not this sheet's to change: it counts as changed by someone else).
  with wanted as (
    select (r ->> 'student_id')::uuid as student_id, (r ->> 'version')::int as version, i
    from jsonb_array_elements(rows_in) with ordinality x (r, i)
  ), current_rows as (
    select x.student_id, x.version, x.class_id from public.conduct_ratings x
    join wanted w on w.student_id = x.student_id
    where x.school_year_id = cls.school_year_id and x.semester is not distinct from p_semester
    for update of x
  )
  select jsonb_agg(jsonb_build_object('student_id', w.student_id, 'label', null) order by w.i) into stale
  from wanted w left join current_rows cr on cr.student_id = w.student_id
  where cr.version is distinct from w.version or cr.class_id <> p_class_id;
  perform private.refuse_stale_cells(stale, 'sổ rèn luyện');

  begin
    delete from public.conduct_ratings x
    using jsonb_array_elements(rows_in) r
    where r ->> 'level' is null and x.student_id = (r ->> 'student_id')::uuid and x.class_id = p_class_id
      and x.school_year_id = cls.school_year_id and x.semester is not distinct from p_semester;
    with upserted as (
      insert into public.conduct_ratings as x (school_id, school_year_id, class_id, student_id, semester, level, comment, entered_by)
      select cls.school_id, cls.school_year_id, p_class_id, (r ->> 'student_id')::uuid, p_semester, r ->> 'level', r ->> 'comment', caller
      from jsonb_array_elements(rows_in) r
      where r ->> 'level' is not null
      on conflict on constraint conduct_ratings_one_per_period do update
        set level = excluded.level, comment = excluded.comment, entered_by = excluded.entered_by
        where x.class_id = excluded.class_id
      returning x.id, x.student_id, x.level, x.comment, x.version
    )
    select coalesce(jsonb_agg(to_jsonb(u) order by u.student_id), '[]') into written from upserted u;
    -- A row of another class in the way (the student moved meanwhile) is not overwritten: the save is refused.
    if jsonb_array_length(written) <> (select count(*) from jsonb_array_elements(rows_in) r where r ->> 'level' is not null) then
      raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại sổ rèn luyện rồi nhập lại.' using errcode = 'PT409';
    end if;
  exception when unique_violation then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại sổ rèn luyện rồi nhập lại.' using errcode = 'PT409';
  end;
  return jsonb_build_object('saved', jsonb_array_length(rows_in), 'rows', written);
end $$;
comment on function public.save_conduct_ratings(uuid, int, jsonb) is
  'Saves changed conduct ratings of one class and period (1, 2; null = after summer training), all or nothing, with the versions read (PT409), bad values (22023, all listed), callers who are not the GVCN (42501), locked or frozen periods (PT423). The GVCN or the service role; cost ≈ the changed rows.';
revoke execute on function public.save_conduct_ratings(uuid, int, jsonb) from public, anon;
grant execute on function public.save_conduct_ratings(uuid, int, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- rpc/save_attendance
-- ---------------------------------------------------------------------------------------------------

-- Saves changed days of one class's attendance grid, all or nothing. p_changes: [{student_id, on_date
-- ('YYYY-MM-DD'), mark ('P' nghỉ có phép | 'K' nghỉ không phép; null or "" clears the day, deleting the
-- row), reason (optional: kept as it was when not sent), version}] — version as read, null when the day
-- had no absence. Each row's semester follows its date (and so does the lock that applies). A day outside
-- the class's year, or after today (public.app_today()) with a mark, is a bad value. The class's GVCN,
-- or the service role. Returns {saved, rows: [{id, student_id, on_date, excused, semester, version}]}.
-- Cost: three statements over the changed days.
create function public.save_attendance(p_class_id uuid, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  c jsonb;
  v_date date;
  v_mark text;
  v_reason text;
  problem text;
  errors jsonb := '[]';
  rows_in jsonb := '[]';
  stale jsonb;
  written jsonb;
  today constant date := public.app_today();
  caller uuid := (select auth.uid());
begin
  select * into cls from private.homeroom_sheet_class(p_class_id, 'chuyên cần');
  perform private.check_sheet_batch(p_changes);
  perform private.refuse_outside_sheet(p_class_id, p_changes);

  for c in select * from jsonb_array_elements(p_changes) loop
    v_date := null;
    if coalesce(c ->> 'on_date', '') ~ '^\d{4}-\d{2}-\d{2}$' then
      begin
        v_date := (c ->> 'on_date')::date;
      exception when others then
        v_date := null;
      end;
    end if;
    if v_date is null then
      raise exception 'Dữ liệu gửi lên không hợp lệ: ngày "%" không đúng dạng năm-tháng-ngày', left(c ->> 'on_date', 20) using errcode = '22023';
    end if;
    v_mark := upper(nullif(trim(coalesce(c ->> 'mark', '')), ''));
    v_reason := nullif(trim(coalesce(c ->> 'reason', '')), '');
    problem := case
      when v_mark is not null and v_mark not in ('P', 'K') then 'Chỉ ghi P (nghỉ có phép) hoặc K (nghỉ không phép)'
      when v_mark is not null and v_date > today then
        'Chưa đến ngày: chỉ ghi ngày nghỉ học đến hôm nay (' || to_char(today, 'DD/MM/YYYY') || ')'
      when v_mark is not null and (v_date < cls.starts_on or v_date > cls.ends_on) then
        'Ngày nằm ngoài năm học ' || cls.year_code || ' của lớp (' || to_char(cls.starts_on, 'DD/MM/YYYY') || '–' || to_char(cls.ends_on, 'DD/MM/YYYY') || ')'
      when length(v_reason) > 500 then 'Lý do nghỉ tối đa 500 ký tự' end;
    if problem is not null then
      errors := errors || jsonb_build_object('student_id', c ->> 'student_id', 'label', to_char(v_date, 'DD/MM/YYYY'),
                                             'message', problem, 'value', left(coalesce(c ->> 'mark', ''), 20));
    end if;
    rows_in := rows_in || jsonb_build_object('student_id', c ->> 'student_id', 'on_date', v_date, 'excused',
      case v_mark when 'P' then true when 'K' then false end, 'reason', v_reason, 'version', c -> 'version');
  end loop;
  perform private.refuse_bad_cells(errors);
  if (select count(*) <> count(distinct (r ->> 'student_id', r ->> 'on_date')) from jsonb_array_elements(rows_in) r) then
    raise exception 'Một ngày của một học sinh xuất hiện hai lần trong cùng một lần lưu' using errcode = '22023';
  end if;

  -- One save of a class's attendance at a time (see save_conduct_ratings).
  perform pg_advisory_xact_lock(hashtextextended('attendance/' || p_class_id, 0));

  -- Versions: a student has one row per day whatever the class (unique (student_id, on_date)); a day
  -- recorded under another class counts as changed by someone else.
  with wanted as (
    select (r ->> 'student_id')::uuid as student_id, (r ->> 'on_date')::date as on_date, (r ->> 'version')::int as version, i
    from jsonb_array_elements(rows_in) with ordinality x (r, i)
  ), current_rows as (
    select x.student_id, x.on_date, x.version, x.class_id from public.attendance x
    join wanted w on w.student_id = x.student_id and w.on_date = x.on_date
    for update of x
  )
  select jsonb_agg(jsonb_build_object('student_id', w.student_id, 'on_date', w.on_date, 'label', to_char(w.on_date, 'DD/MM/YYYY')) order by w.i)
  into stale
  from wanted w left join current_rows cr on cr.student_id = w.student_id and cr.on_date = w.on_date
  where cr.version is distinct from w.version or cr.class_id <> p_class_id;
  perform private.refuse_stale_cells(stale, 'bảng chuyên cần');

  begin
    delete from public.attendance x
    using jsonb_array_elements(rows_in) r
    where r ->> 'excused' is null and x.student_id = (r ->> 'student_id')::uuid and x.on_date = (r ->> 'on_date')::date
      and x.class_id = p_class_id;
    with upserted as (
      insert into public.attendance as x (school_id, school_year_id, class_id, student_id, on_date, excused, reason, entered_by)
      select cls.school_id, cls.school_year_id, p_class_id, (r ->> 'student_id')::uuid, (r ->> 'on_date')::date,
             (r ->> 'excused')::boolean, r ->> 'reason', caller
      from jsonb_array_elements(rows_in) r
      where r ->> 'excused' is not null
      on conflict (student_id, on_date) do update
        set excused = excluded.excused, reason = coalesce(excluded.reason, x.reason), entered_by = excluded.entered_by
        where x.class_id = excluded.class_id
      returning x.id, x.student_id, x.on_date, x.excused, x.semester, x.version
    )
    select coalesce(jsonb_agg(to_jsonb(u) order by u.student_id, u.on_date), '[]') into written from upserted u;
    -- A row of another class in the way (the student moved meanwhile) is not overwritten: the save is refused.
    if jsonb_array_length(written) <> (select count(*) from jsonb_array_elements(rows_in) r where r ->> 'excused' is not null) then
      raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại bảng chuyên cần rồi nhập lại.' using errcode = 'PT409';
    end if;
  exception when unique_violation then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại bảng chuyên cần rồi nhập lại.' using errcode = 'PT409';
  end;
  return jsonb_build_object('saved', jsonb_array_length(rows_in), 'rows', written);
end $$;
comment on function public.save_attendance(uuid, jsonb) is
  'Saves changed days (P, K or cleared) of one class''s attendance, all or nothing, with the versions read (PT409), bad values — a mark other than P/K, a day after today or outside the year (22023, all listed) —, callers who are not the GVCN (42501), locked or frozen semesters (PT423). The GVCN or the service role; cost ≈ the changed days.';
revoke execute on function public.save_attendance(uuid, jsonb) from public, anon;
grant execute on function public.save_attendance(uuid, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- rpc/save_quality_ratings
-- ---------------------------------------------------------------------------------------------------

-- Saves changed cells of one TT27 qualities and competencies sheet (class × semester 1/2 × kind 'gk' |
-- 'ck'), all or nothing. p_changes: [{student_id, code (one of tt27_quality_codes()), level ('tot' | 'dat'
-- | 'ccg'; null or "" clears the cell, deleting the row), comment, version}] — version as read, null when
-- the cell was empty. The sheet has one comment per student and period, kept on each of their rows (the
-- client sends it with every cell of the student it writes). Primary classes only. The class's GVCN, or
-- the service role. Returns {saved, rows: [{id, student_id, code, level, comment, version}]}.
-- Cost: three statements over the changed cells (a class: ≤ 40 × 15).
create function public.save_quality_ratings(p_class_id uuid, p_semester int, p_kind text, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  c jsonb;
  v_code text;
  v_level text;
  v_comment text;
  problem text;
  errors jsonb := '[]';
  rows_in jsonb := '[]';
  stale jsonb;
  written jsonb;
  codes constant text[] := public.tt27_quality_codes();
  caller uuid := (select auth.uid());
begin
  if p_semester is null or p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  if p_kind is null or p_kind not in ('gk', 'ck') then
    raise exception 'Thời điểm đánh giá là giữa kỳ (gk) hoặc cuối kỳ (ck)' using errcode = '22023';
  end if;
  select * into cls from private.homeroom_sheet_class(p_class_id, 'phẩm chất, năng lực');
  if cls.school_level is distinct from 'primary' then
    raise exception 'Phẩm chất, năng lực theo Thông tư 27 chỉ đánh giá học sinh tiểu học; lớp % không phải lớp tiểu học.', cls.name
      using errcode = '22023';
  end if;
  perform private.check_sheet_batch(p_changes);
  perform private.refuse_outside_sheet(p_class_id, p_changes);

  for c in select * from jsonb_array_elements(p_changes) loop
    v_code := c ->> 'code';
    if v_code is null or not v_code = any (codes) then
      raise exception 'Phẩm chất, năng lực "%" không có trong Thông tư 27', left(coalesce(v_code, ''), 40) using errcode = '22023';
    end if;
    v_level := nullif(trim(coalesce(c ->> 'level', '')), '');
    v_comment := nullif(trim(coalesce(c ->> 'comment', '')), '');
    problem := case
      when v_level is not null and v_level not in ('tot', 'dat', 'ccg') then 'Mức đánh giá chỉ là Tốt, Đạt hoặc Cần cố gắng'
      when v_level is null and v_comment is not null then 'Nhận xét cần đi kèm mức đánh giá'
      when length(v_comment) > 2000 then 'Nhận xét tối đa 2000 ký tự' end;
    if problem is not null then
      errors := errors || jsonb_build_object('student_id', c ->> 'student_id', 'label', private.tt27_quality_label(v_code),
                                             'message', problem, 'value', left(coalesce(v_level, v_comment, ''), 20));
    end if;
    rows_in := rows_in || jsonb_build_object('student_id', c ->> 'student_id', 'code', v_code, 'level', v_level,
                                             'comment', v_comment, 'version', c -> 'version');
  end loop;
  perform private.refuse_bad_cells(errors);
  if (select count(*) <> count(distinct (r ->> 'student_id', r ->> 'code')) from jsonb_array_elements(rows_in) r) then
    raise exception 'Một ô xuất hiện hai lần trong cùng một lần lưu' using errcode = '22023';
  end if;

  -- One save of a sheet at a time (see save_conduct_ratings).
  perform pg_advisory_xact_lock(hashtextextended('quality_ratings/' || p_class_id || '/' || p_semester || '/' || p_kind, 0));

  with wanted as (
    select (r ->> 'student_id')::uuid as student_id, r ->> 'code' as code, (r ->> 'version')::int as version, i
    from jsonb_array_elements(rows_in) with ordinality x (r, i)
  ), current_rows as (
    select x.student_id, x.code, x.version, x.class_id from public.quality_ratings x
    join wanted w on w.student_id = x.student_id and w.code = x.code
    where x.school_year_id = cls.school_year_id and x.semester = p_semester and x.kind = p_kind
    for update of x
  )
  select jsonb_agg(jsonb_build_object('student_id', w.student_id, 'code', w.code, 'label', private.tt27_quality_label(w.code)) order by w.i)
  into stale
  from wanted w left join current_rows cr on cr.student_id = w.student_id and cr.code = w.code
  where cr.version is distinct from w.version or cr.class_id <> p_class_id;
  perform private.refuse_stale_cells(stale, 'sổ phẩm chất, năng lực');

  begin
    delete from public.quality_ratings x
    using jsonb_array_elements(rows_in) r
    where r ->> 'level' is null and x.student_id = (r ->> 'student_id')::uuid and x.code = r ->> 'code' and x.class_id = p_class_id
      and x.school_year_id = cls.school_year_id and x.semester = p_semester and x.kind = p_kind;
    with upserted as (
      insert into public.quality_ratings as x (school_id, school_year_id, class_id, student_id, semester, kind, code, level, comment, entered_by)
      select cls.school_id, cls.school_year_id, p_class_id, (r ->> 'student_id')::uuid, p_semester, p_kind, r ->> 'code',
             r ->> 'level', r ->> 'comment', caller
      from jsonb_array_elements(rows_in) r
      where r ->> 'level' is not null
      on conflict on constraint quality_ratings_one_per_period do update
        set level = excluded.level, comment = excluded.comment, entered_by = excluded.entered_by
        where x.class_id = excluded.class_id
      returning x.id, x.student_id, x.code, x.level, x.comment, x.version
    )
    select coalesce(jsonb_agg(to_jsonb(u) order by u.student_id, u.code), '[]') into written from upserted u;
    -- A row of another class in the way (the student moved meanwhile) is not overwritten: the save is refused.
    if jsonb_array_length(written) <> (select count(*) from jsonb_array_elements(rows_in) r where r ->> 'level' is not null) then
      raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại sổ phẩm chất, năng lực rồi nhập lại.' using errcode = 'PT409';
    end if;
  exception when unique_violation then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại sổ phẩm chất, năng lực rồi nhập lại.' using errcode = 'PT409';
  end;
  return jsonb_build_object('saved', jsonb_array_length(rows_in), 'rows', written);
end $$;
comment on function public.save_quality_ratings(uuid, int, text, jsonb) is
  'TT27: saves changed quality and competency ratings (Tốt/Đạt/Cần cố gắng, with the student''s comment) of one primary class, semester and period, all or nothing, with the versions read (PT409), bad values (22023, all listed), callers who are not the GVCN (42501), locked or frozen periods (PT423). The GVCN or the service role; cost ≈ the changed cells.';
revoke execute on function public.save_quality_ratings(uuid, int, text, jsonb) from public, anon;
grant execute on function public.save_quality_ratings(uuid, int, text, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- rpc/save_measures
-- ---------------------------------------------------------------------------------------------------

-- Reads a typed measure ("128,5", 128.5, "" or null): (value, ok). One decimal at most, within
-- [p_min, p_max]. Cost: constant.
create function private.parse_measure(p_value jsonb, p_min numeric, p_max numeric, out value numeric, out ok boolean)
language plpgsql immutable set search_path = ''
as $$
declare
  t text;
begin
  ok := true;
  if p_value is null or jsonb_typeof(p_value) = 'null' then
    return;
  end if;
  t := replace(trim(case jsonb_typeof(p_value) when 'string' then p_value #>> '{}' when 'number' then p_value::text else 'x' end), ',', '.');
  if t = '' then
    return;
  end if;
  if t !~ '^[0-9]{1,3}(\.[0-9]0*)?$' or t::numeric < p_min or t::numeric > p_max then
    ok := false;
    return;
  end if;
  value := round(t::numeric, 1);
end $$;
revoke execute on function private.parse_measure(jsonb, numeric, numeric) from public, anon;
grant execute on function private.parse_measure(jsonb, numeric, numeric) to authenticated, service_role;

-- Saves the height and weight of a class's students for the year (page 1 of the TT27 transcript), all
-- or nothing. A student's cell is their latest measurement of the year in this class (student_measures
-- holds the nurse's dated rounds): p_changes: [{student_id, height_cm, weight_kg ("128,5", a number, or
-- empty), id, version}] — the id and version of the row read, both null when the student had none.
-- Values change that row; a student with no row gets one dated today (the column's default); both empty
-- clear them (the row is deleted, or keeps the nurse's other measures with height and weight empty).
-- Who: the rule of student_measures' write policies — the school's nurse, or the GVCN of a primary class
-- of a school without a nurse that year (private.nurse_school_ids, private.measure_keeper_class_ids) —,
-- or the service role. The freeze of a frozen semester II (PT423), the measurement rules and the audit
-- are the table's. Returns {saved, rows: [{id, student_id, height_cm, weight_kg, measured_on, version}]}.
-- Cost: four statements over the changed students.
create function public.save_measures(p_class_id uuid, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  c jsonb;
  v_height record;
  v_weight record;
  problem text;
  errors jsonb := '[]';
  rows_in jsonb := '[]';
  stale jsonb;
  written jsonb;
begin
  select * into cls from private.homeroom_sheet_class(p_class_id, 'chiều cao, cân nặng', false);
  if coalesce((select auth.role()), '') <> 'service_role'
     and p_class_id not in (select private.measure_keeper_class_ids())
     and cls.school_id not in (select private.nurse_school_ids()) then
    raise exception 'Chỉ nhân viên y tế của trường (trường tiểu học chưa có nhân viên y tế: giáo viên chủ nhiệm lớp %) ghi chiều cao, cân nặng của lớp', cls.name
      using errcode = '42501';
  end if;
  perform private.check_sheet_batch(p_changes);
  perform private.refuse_outside_sheet(p_class_id, p_changes);

  for c in select * from jsonb_array_elements(p_changes) loop
    if c ? 'id' and jsonb_typeof(c -> 'id') <> 'null'
       and coalesce(c ->> 'id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      raise exception 'Dữ liệu gửi lên không hợp lệ: mã lần đo không đúng' using errcode = '22023';
    end if;
    v_height := private.parse_measure(c -> 'height_cm', 50, 220);
    v_weight := private.parse_measure(c -> 'weight_kg', 8, 150);
    problem := case
      when not v_height.ok then 'Chiều cao ghi từ 50 đến 220 cm, tối đa một chữ số thập phân'
      when not v_weight.ok then 'Cân nặng ghi từ 8 đến 150 kg, tối đa một chữ số thập phân' end;
    if problem is not null then
      errors := errors || jsonb_build_object('student_id', c ->> 'student_id', 'label', case when not v_height.ok then 'chiều cao' else 'cân nặng' end,
        'message', problem, 'value', left(case when not v_height.ok then c ->> 'height_cm' else c ->> 'weight_kg' end, 20));
    end if;
    rows_in := rows_in || jsonb_build_object('student_id', c ->> 'student_id', 'height_cm', v_height.value, 'weight_kg', v_weight.value,
                                             'id', c -> 'id', 'version', c -> 'version');
  end loop;
  perform private.refuse_bad_cells(errors);
  if (select count(*) <> count(distinct r ->> 'student_id') from jsonb_array_elements(rows_in) r) then
    raise exception 'Một học sinh xuất hiện hai lần trong cùng một lần lưu' using errcode = '22023';
  end if;

  -- The cell: each student's latest row of the year in this class, locked, compared by id and version.
  with wanted as (
    select (r ->> 'student_id')::uuid as student_id, (r ->> 'id')::uuid as id, (r ->> 'version')::int as version, i
    from jsonb_array_elements(rows_in) with ordinality x (r, i)
  ), locked as (
    select x.id, x.student_id, x.version, x.measured_on from public.student_measures x
    join wanted w on w.student_id = x.student_id
    where x.school_year_id = cls.school_year_id and x.class_id = p_class_id
    for update of x
  ), latest as (
    select distinct on (l.student_id) l.* from locked l order by l.student_id, l.measured_on desc
  )
  select jsonb_agg(jsonb_build_object('student_id', w.student_id, 'label', null) order by w.i) into stale
  from wanted w left join latest l on l.student_id = w.student_id
  where l.id is distinct from w.id or l.version is distinct from w.version;
  perform private.refuse_stale_cells(stale, 'bảng chiều cao, cân nặng');

  begin
    -- Cleared: the row goes, unless it holds the nurse's other measures (then only these two empty).
    delete from public.student_measures x
    using jsonb_array_elements(rows_in) r
    where x.id = (r ->> 'id')::uuid and r ->> 'height_cm' is null and r ->> 'weight_kg' is null
      and num_nonnulls(x.systolic, x.diastolic, x.heart_rate, x.vision_left, x.vision_right, x.vision_left_glasses, x.vision_right_glasses) = 0;
    with changed as (
      update public.student_measures x
      set height_cm = (r ->> 'height_cm')::numeric, weight_kg = (r ->> 'weight_kg')::numeric
      from jsonb_array_elements(rows_in) r
      where x.id = (r ->> 'id')::uuid
      returning x.id, x.student_id, x.height_cm, x.weight_kg, x.measured_on, x.version
    ), added as (
      insert into public.student_measures as x (school_id, school_year_id, class_id, student_id, height_cm, weight_kg)
      select cls.school_id, cls.school_year_id, p_class_id, (r ->> 'student_id')::uuid, (r ->> 'height_cm')::numeric, (r ->> 'weight_kg')::numeric
      from jsonb_array_elements(rows_in) r
      where r ->> 'id' is null and (r ->> 'height_cm' is not null or r ->> 'weight_kg' is not null)
      returning x.id, x.student_id, x.height_cm, x.weight_kg, x.measured_on, x.version
    )
    select coalesce(jsonb_agg(to_jsonb(u) order by u.student_id), '[]') into written
    from (select * from changed union all select * from added) u;
  exception when unique_violation then
    raise exception 'Dữ liệu đã được người khác lưu trước khi bạn lưu. Hãy tải lại bảng chiều cao, cân nặng rồi nhập lại.' using errcode = 'PT409';
  end;
  return jsonb_build_object('saved', jsonb_array_length(rows_in), 'rows', written);
end $$;
comment on function public.save_measures(uuid, jsonb) is
  'Saves the year''s height and weight of a class''s students (each student''s latest measurement in the class), all or nothing, with the id and version read (PT409), bad values (22023, all listed), callers who do not keep the class''s measurements (42501), a frozen semester II (PT423). The nurse, the GVCN of a primary class of a school without a nurse, or the service role; cost ≈ the changed students.';
revoke execute on function public.save_measures(uuid, jsonb) from public, anon;
grant execute on function public.save_measures(uuid, jsonb) to authenticated, service_role;
