-- import_class_list(class_id, rows): the admin board's Excel class list, all or nothing. Every row is
-- tried (students + student_details + enrolment); if any row is refused, everything is rolled back and
-- the refused rows come back with a Vietnamese message each, so the file can be corrected in one go.
-- Security invoker: the caller's RLS decides (only the admin board of the class's year and school may
-- write students and enrolments). Returns {imported: n, errors: [{row, message}]}.
-- Cost: a few index lookups and three inserts per row.

create function public.import_class_list(p_class_id uuid, p_rows jsonb) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  v_class record;
  v_started date;
  v_row jsonb;
  v_student uuid;
  v_errors jsonb := '[]'::jsonb;
  v_count int := 0;
  v_constraint text;
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

  begin
    for v_row in select value from jsonb_array_elements(p_rows) loop
      begin
        select s.id into v_student from public.students s
        where s.school_id = v_class.school_id and s.student_code = v_row ->> 'student_code';
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
        v_errors := v_errors || jsonb_build_object('row', (v_row ->> 'row')::int, 'message',
          case
            when sqlstate = '23505' and v_constraint = 'enrolments_open_idx' then 'Học sinh đã được xếp lớp trong năm học này'
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
    return jsonb_build_object('imported', 0, 'errors', v_errors);
  end;
  return jsonb_build_object('imported', v_count, 'errors', '[]'::jsonb);
end
$$;

comment on function public.import_class_list(uuid, jsonb) is
  'Imports a class list all or nothing as the caller (RLS applies); returns {imported, errors:[{row, message}]}.';
revoke execute on function public.import_class_list(uuid, jsonb) from public, anon;
grant execute on function public.import_class_list(uuid, jsonb) to authenticated, service_role;
