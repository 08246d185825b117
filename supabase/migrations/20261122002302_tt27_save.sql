-- rpc/save_primary_entries: the TT27 sheet's save, the same contract as save_score_entries (one
-- class × subject × semester, the versions read, all or nothing, every bad value listed at once) for
-- rows of a primary subject. p_changes: [{student_id, kind ('gk' | 'ck'), level ('T' | 'H' | 'C' or
-- empty), test (an integer 1–10 or empty), comment, version}] — a change sets the whole period of that
-- student: level, test score and comment; all three empty deletes it. The teacher of the active
-- assignment covering the semester (the primary GVCN for the homeroom subjects, a specialist for
-- theirs), or the service role. Errors: 22023 bad values (every one listed), 42501 not the teacher,
-- PT409 stale, PT423 locked; the table's triggers (class rules, lock, audit) run as for every write.
-- Returns {saved, entries: [written rows]}.

-- Reads a typed TT27 level ("T", "h", …) and test score ("7"): (level, score, message).
create function private.parse_tt27_value(p_level jsonb, p_test jsonb, out level text, out score numeric, out message text)
language plpgsql immutable set search_path = ''
as $$
declare
  l text := upper(trim(coalesce(p_level #>> '{}', '')));
  t text := trim(coalesce(p_test #>> '{}', ''));
begin
  if l <> '' then
    if l in ('T', 'H', 'C') then
      level := l;
    else
      message := 'Mức đạt được chỉ là T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành)';
      return;
    end if;
  end if;
  if t <> '' then
    if t ~ '^[0-9]{1,2}$' and t::int between 1 and 10 then
      score := t::int;
    else
      message := 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10';
    end if;
  end if;
end $$;
revoke execute on function private.parse_tt27_value(jsonb, jsonb) from public, anon;
grant execute on function private.parse_tt27_value(jsonb, jsonb) to authenticated, service_role;

create function public.save_primary_entries(p_class_id uuid, p_subject_id uuid, p_semester int, p_changes jsonb)
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
begin
  select cl.id, cl.name, cl.school_id, cl.school_year_id, cl.grade, y.code as year_code into cls
  from public.classes cl join public.school_years y on y.id = cl.school_year_id where cl.id = p_class_id;
  if not found then
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
comment on function public.save_primary_entries(uuid, uuid, int, jsonb) is
  'TT27: saves levels (T/H/C), periodic test scores (1–10) and comments of one primary sheet, all or nothing, with the versions read (PT409), bad values (22023), callers who do not teach it (42501), locks (PT423). The assigned teacher or the service role.';
revoke execute on function public.save_primary_entries(uuid, uuid, int, jsonb) from public, anon;
grant execute on function public.save_primary_entries(uuid, uuid, int, jsonb) to authenticated, service_role;
