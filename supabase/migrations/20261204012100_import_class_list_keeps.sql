-- A class list exported, a row added and imported back (issue 18, friction): import_class_list tried to
-- enrol every row, so each student already in the class was refused ("Học sinh đã được xếp lớp trong năm
-- học này") and the file could not be imported. The admin's preview learnt to recognise them; the rule now
-- lives here too, where the write happens: a row whose student (same student code) is already in this
-- class is kept as it is — not enrolled a second time, not counted as imported — when the file says of
-- them what the record says (name, gender, birth date; birth place and ethnicity when the file gives them);
-- any difference refuses the row, naming each field, because the import never changes a student's record
-- (that is the student's page). A student enrolled in another class of the year is still refused, naming
-- the class. Answer: {imported, kept, errors}. Everything else (all or nothing, RLS as the caller) as before.
create or replace function public.import_class_list(p_class_id uuid, p_rows jsonb) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  v_class record;
  v_started date;
  v_row jsonb;
  v_student uuid;
  v_known record;
  v_differs text[];
  v_errors jsonb := '[]'::jsonb;
  v_count int := 0;
  v_kept int := 0;
  v_constraint text;
  v_other text;
  v_may_write boolean;
begin
  select c.id, c.school_id, c.school_year_id, y.starts_on, y.ends_on into v_class
  from public.classes c join public.school_years y on y.id = c.school_year_id
  where c.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp hoặc bạn không có quyền với lớp này' using errcode = '42501';
  end if;
  if jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'Danh sách học sinh trống' using errcode = '22023';
  end if;
  v_started := least(greatest(public.app_today(), v_class.starts_on), v_class.ends_on);
  -- Who may import (as the enrolments' insert policy): the admin board of the class's year. The rows
  -- written are refused by RLS for anyone else; a row kept (nothing written) is refused here the same way,
  -- so the answer says nothing of the class's students to a reader who cannot import.
  v_may_write := (select auth.role()) = 'service_role' or v_class.school_year_id in (select private.my_year_ids('{admin_board}'));
  begin
    for v_row in select value from jsonb_array_elements(p_rows) loop
      begin
        select s.id into v_student from public.students s
        where s.school_id = v_class.school_id and s.student_code = v_row ->> 'student_code';
        -- Already in this class: kept when the file agrees with the record, refused naming what differs.
        select s.family_name, s.middle_name, s.given_name, s.full_name, s.gender, s.birth_date, d.birth_place, d.ethnicity into v_known
        from public.enrolments e join public.students s on s.id = e.student_id
        left join public.student_details d on d.student_id = s.id
        where e.class_id = v_class.id and e.student_id = v_student and e.ended_on is null;
        if found and not v_may_write then
          v_errors := v_errors || jsonb_build_object('row', (v_row ->> 'row')::int, 'message', 'Bạn không có quyền ghi học sinh của lớp này');
          v_student := null;
          continue;
        end if;
        if found then
          v_differs := array_remove(array[
            -- Names compared as written (NFC, single spaces): a changed accent is a difference.
            case when normalize(regexp_replace(btrim(concat_ws(' ', v_row ->> 'family_name', v_row ->> 'middle_name', v_row ->> 'given_name')), '\s+', ' ', 'g'), NFC)
                      <> normalize(regexp_replace(btrim(v_known.full_name), '\s+', ' ', 'g'), NFC)
                 then format('họ và tên (trong hồ sơ: %s)', v_known.full_name) end,
            case when (v_row ->> 'gender') is distinct from v_known.gender::text
                 then format('giới tính (trong hồ sơ: %s)', case v_known.gender when 'male' then 'Nam' else 'Nữ' end) end,
            case when (v_row ->> 'birth_date') is distinct from v_known.birth_date::text
                 then format('ngày sinh (trong hồ sơ: %s)', to_char(v_known.birth_date, 'DD/MM/YYYY')) end,
            case when coalesce(v_row ->> 'birth_place', '') <> '' and v_row ->> 'birth_place' is distinct from v_known.birth_place
                 then format('nơi sinh (trong hồ sơ: %s)', coalesce(nullif(v_known.birth_place, ''), 'trống')) end,
            case when coalesce(v_row ->> 'ethnicity', '') <> '' and v_row ->> 'ethnicity' is distinct from coalesce(v_known.ethnicity, 'Kinh')
                 then format('dân tộc (trong hồ sơ: %s)', coalesce(v_known.ethnicity, 'Kinh')) end
          ], null);
          if cardinality(v_differs) = 0 then
            v_kept := v_kept + 1;
          else
            v_errors := v_errors || jsonb_build_object('row', (v_row ->> 'row')::int, 'message',
              format('Học sinh %s đã có trong lớp nhưng khác hồ sơ ở %s: sửa trong hồ sơ học sinh hoặc sửa lại tệp',
                     v_row ->> 'student_code', array_to_string(v_differs, ', ')));
          end if;
          v_student := null;
          continue;
        end if;
        if v_student is null then
          -- No RETURNING: the new row becomes visible to the select policy only in the next statement.
          insert into public.students (school_id, student_code, family_name, middle_name, given_name, gender, birth_date)
          values (v_class.school_id, v_row ->> 'student_code', v_row ->> 'family_name', coalesce(v_row ->> 'middle_name', ''),
                  v_row ->> 'given_name', (v_row ->> 'gender')::public.gender, (v_row ->> 'birth_date')::date);
          select s.id into strict v_student from public.students s
          where s.school_id = v_class.school_id and s.student_code = v_row ->> 'student_code';
          insert into public.student_details (student_id, school_id, birth_place, ethnicity, hometown, residence)
          values (v_student, v_class.school_id, coalesce(v_row ->> 'birth_place', ''), coalesce(nullif(v_row ->> 'ethnicity', ''), 'Kinh'),
                  coalesce(v_row ->> 'hometown', ''), coalesce(v_row ->> 'residence', ''));
        end if;
        insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on, start_reason)
        values (v_class.school_id, v_class.school_year_id, v_student, v_class.id, v_started, 'new');
        v_count := v_count + 1;
      exception when others then
        get stacked diagnostics v_constraint = constraint_name;
        v_other := null;
        if sqlstate = '23505' and v_constraint = 'enrolments_open_idx' then
          select c.name into v_other from public.enrolments e join public.classes c on c.id = e.class_id
          where e.student_id = v_student and e.school_year_id = v_class.school_year_id and e.ended_on is null;
        end if;
        v_errors := v_errors || jsonb_build_object('row', (v_row ->> 'row')::int, 'message',
          case
            when sqlstate = '23505' and v_constraint = 'enrolments_open_idx'
              then 'Học sinh đã được xếp lớp trong năm học này' || coalesce(' (lớp ' || v_other || ')', '')
            when sqlstate = '23505' then 'Mã học sinh bị trùng'
            when sqlstate = '42501' then 'Bạn không có quyền ghi học sinh của lớp này'
            when sqlstate = '23514' and v_constraint like 'students_birth_date%' then 'Ngày sinh ngoài khoảng cho phép'
            when sqlstate = '23514' and v_constraint like 'students_student_code%' then 'Mã học sinh chỉ gồm 6–20 chữ cái hoặc chữ số'
            when sqlstate = '23514' and v_constraint like 'students_%' then 'Họ tên không hợp lệ'
            when sqlstate in ('22007', '22008', '22P02') then 'Giá trị không hợp lệ (giới tính hoặc ngày sinh)'
            else sqlerrm
          end);
      end;
      v_student := null;
    end loop;
    if jsonb_array_length(v_errors) > 0 then
      -- Undo every row written so far: the block's savepoint is rolled back by this exception.
      raise exception 'import refused' using errcode = 'SD001';
    end if;
  exception when sqlstate 'SD001' then
    return jsonb_build_object('imported', 0, 'kept', 0, 'errors', v_errors);
  end;
  return jsonb_build_object('imported', v_count, 'kept', v_kept, 'errors', '[]'::jsonb);
end
$$;
comment on function public.import_class_list(uuid, jsonb) is
  'Imports a class list all or nothing as the caller (RLS applies): new students enrolled, students already in the class kept when the file agrees with their record (a difference refuses the row, naming the field); returns {imported, kept, errors:[{row, message}]}.';
