-- Issue 20, item 5: the admin board marks học kỳ II started (Seed 001 Điều 4.1–4.2: the board starts every
-- year and semester): its start date confirmed or moved, and the teaching assignments that change for the
-- semester, in one transaction.
--
-- rpc/start_semester_two(year, semester2_starts_on, changes): the admin board of the school, in an opened
-- year, once semester I has ended (the app's today on or after its last day), once, never into a locked
-- semester II. `changes`: [{class_id, subject_id, teacher_id, reason}] — who teaches a class's subject from
-- semester II: the assignment covering both semesters keeps semester I (to_semester 1; the gradebook of semester
-- I stays its teacher's) and a new one covers semester II; a semester-II-only assignment is ended with the
-- reason. All or nothing: any refused change refuses the whole with a sentence per change (SD001 pattern), and
-- nothing — not even the date — is written. school_years and teaching_assignments are audited.

alter table public.school_years
  add column semester2_started_at timestamptz,
  add column semester2_started_by uuid references public.profiles (id) on delete restrict;
comment on column public.school_years.semester2_started_at is 'When the admin board marked semester II started (rpc/start_semester_two); null before.';

create function public.start_semester_two(p_school_year_id uuid, p_semester2_starts_on date default null, p_changes jsonb default '[]')
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  y public.school_years;
  s2 date;
  ch jsonb;
  a public.teaching_assignments;
  k public.classes;
  subject_name text;
  v_errors jsonb := '[]';
  n int := 0;
  label text;
begin
  select * into y from public.school_years where id = p_school_year_id;
  if not found or y.school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường bắt đầu học kỳ II.' using errcode = '42501';
  end if;
  if y.opened_at is null then
    raise exception 'Năm học % chưa được mở.', y.code using errcode = '55000';
  end if;
  if y.semester2_started_at is not null then
    raise exception 'Học kỳ II của năm học % đã bắt đầu từ ngày %.', y.code, to_char(y.semester2_starts_on, 'DD/MM/YYYY') using errcode = '55000';
  end if;
  if public.app_today() < y.semester1_ends_on then
    raise exception 'Học kỳ I kết thúc ngày %: chưa thể bắt đầu học kỳ II.', to_char(y.semester1_ends_on, 'DD/MM/YYYY') using errcode = '55000';
  end if;
  if private.gradebook_locked(y.id, 2, null, null) then
    raise exception 'Sổ điểm học kỳ II năm học % đã khoá.', y.code using errcode = '55000';
  end if;
  s2 := coalesce(p_semester2_starts_on, y.semester2_starts_on);
  if s2 <= y.semester1_ends_on or s2 >= y.ends_on then
    raise exception 'Ngày bắt đầu học kỳ II phải sau ngày kết thúc học kỳ I (%) và trước ngày kết thúc năm học (%).',
      to_char(y.semester1_ends_on, 'DD/MM/YYYY'), to_char(y.ends_on, 'DD/MM/YYYY') using errcode = '22023';
  end if;
  if jsonb_typeof(p_changes) is distinct from 'array' then
    raise exception 'Danh sách thay đổi phân công không hợp lệ.' using errcode = '22023';
  end if;

  begin
    for ch in select * from jsonb_array_elements(p_changes) loop
      k := null;
      select c.* into k from public.classes c
      where c.id = (case when ch ->> 'class_id' ~* '^[0-9a-f-]{36}$' then (ch ->> 'class_id')::uuid end) and c.school_year_id = y.id;
      select s.name into subject_name from public.subjects s
      where s.id = (case when ch ->> 'subject_id' ~* '^[0-9a-f-]{36}$' then (ch ->> 'subject_id')::uuid end);
      label := coalesce(subject_name, '?') || ' — ' || coalesce(k.name, '?');
      select t.* into a from public.teaching_assignments t
      where t.class_id = k.id and t.subject_id::text = ch ->> 'subject_id' and t.ended_at is null and 2 between t.from_semester and t.to_semester;
      if k.id is null then
        v_errors := v_errors || jsonb_build_object('label', label, 'message', format('Không phải lớp của năm học %s.', y.code));
      elsif a.id is null then
        v_errors := v_errors || jsonb_build_object('label', label, 'message', 'Lớp chưa có phân công môn này cho học kỳ II: phân công ở trang Phân công giảng dạy.');
      elsif length(trim(coalesce(ch ->> 'reason', ''))) < 3 then
        v_errors := v_errors || jsonb_build_object('label', label, 'message', 'Cần ghi lý do thay đổi phân công (ít nhất 3 ký tự).');
      elsif a.teacher_id::text = ch ->> 'teacher_id' then
        v_errors := v_errors || jsonb_build_object('label', label, 'message', 'Giáo viên này đã dạy môn của lớp trong học kỳ II.');
      else
        begin
          if a.from_semester = 1 then
            update public.teaching_assignments set to_semester = 1, updated_at = now() where id = a.id;
          else
            update public.teaching_assignments set ended_at = private.app_now(), end_reason = trim(ch ->> 'reason'), updated_at = now() where id = a.id;
          end if;
          -- The staff check (a teacher of the school that year) is the table's own trigger.
          insert into public.teaching_assignments (school_id, school_year_id, class_id, subject_id, teacher_id, from_semester, to_semester)
          values (k.school_id, y.id, k.id, a.subject_id, (ch ->> 'teacher_id')::uuid, 2, 2);
          n := n + 1;
        exception when others then
          v_errors := v_errors || jsonb_build_object('label', label, 'message',
            case when sqlstate in ('22P02', '23503', '23502') then 'Hãy chọn một giáo viên của trường.' else sqlerrm end);
        end;
      end if;
    end loop;
    if jsonb_array_length(v_errors) > 0 then
      raise exception 'semester start refused' using errcode = 'SD001';
    end if;
  exception when sqlstate 'SD001' then
    return jsonb_build_object('started', false, 'changed', 0, 'errors', v_errors);
  end;
  update public.school_years set semester2_starts_on = s2, semester2_started_at = private.app_now(), semester2_started_by = auth.uid(), updated_at = now()
  where id = y.id;
  return jsonb_build_object('started', true, 'semester2_starts_on', s2, 'changed', n, 'errors', '[]'::jsonb);
end $$;
revoke execute on function public.start_semester_two(uuid, date, jsonb) from public, anon;
grant execute on function public.start_semester_two(uuid, date, jsonb) to authenticated;
comment on function public.start_semester_two(uuid, date, jsonb) is
  'The admin board marks semester II started: its start date and the assignments that change for it, all or nothing; returns {started, semester2_starts_on, changed, errors:[{label, message}]}.';
