-- The school year cycle, second part (issue 20, item 3): placing the students of the year that ends into
-- the year being prepared, from the year's results, reviewed in one table and committed in one
-- transaction, reversible until the year is opened.
--
-- * rpc/placement_proposals {p_school_year_id} (the admin board of the school): one row per student of
--   the previous year (enrolments not ended by a transfer, a drop-out or a class change), with the year's
--   result and the proposal: TT22 (upper secondary) `promoted` → a grade up into the class of the same
--   section (10A1 → 11A1), or graduated from the last grade; `not_promoted` → the same grade, the class of
--   the same name (repeating); `retest`, `summer_training` or no result yet → held (placed once the result
--   is final). TT27 (primary): `lop_hoc` → a grade up, `tieu_hoc` → graduated (grade 5), `chua` → repeating.
--   A student already placed (here, or enrolled in the year another way) shows where.
-- * rpc/place_students {p_school_year_id, p_moves: [{enrolment_id, action: promote|repeat|graduate,
--   class_id?}]}: all or nothing — every move is checked (the student's enrolment of the previous year,
--   not placed nor enrolled in the year yet; a class of the new year of the right grade: one up to promote, the same to repeat;
--   graduation from the school's last grade; never into a year whose gradebook is locked) and any refused move refuses the whole, answering
--   {placed: 0, graduated: 0, errors: [{enrolment_id, student_code, message}]} with nothing written.
--   Otherwise each student's enrolment of the new year (started on its first day, `promoted` or
--   `repeating`) and a placement row; when the year is already open (a held student placed after the
--   re-test), the previous enrolment ends at once (`year_end`, or `graduated`). The family's accounts of a
--   placed student (guardian, student roles of the previous year) get their roles in the new year.
-- * rpc/undo_placements {p_school_year_id, p_student_ids?}: while the year is unopened, the placements (all,
--   or those students') and the enrolments they made are removed.
-- * rpc/open_school_year {p_school_year_id}: the board opens a prepared year (opened_at, opened_by) and the
--   previous year's enrolments of the placed students end on its last day (`graduated` or `year_end`);
--   held students keep theirs open.
-- * Retention: a row of a year being prepared is not a record yet — the guard lets the undo remove an
--   enrolment of an unopened year (through no other path: enrolments have no delete grant).
-- Everything is the admin board's of that school; everything is audited (year_placements, enrolments).

create table public.year_placements (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  student_id uuid not null,
  from_enrolment_id uuid not null references public.enrolments (id) on delete restrict,
  action text not null check (action in ('promote', 'repeat', 'graduate')),
  -- No action (checked at the end of the statement): the undo removes a placement and its enrolment in one.
  enrolment_id uuid references public.enrolments (id),
  placed_by uuid references public.profiles (id) on delete restrict,
  placed_at timestamptz not null default private.app_now(),
  unique (school_year_id, student_id),
  check ((action = 'graduate') = (enrolment_id is null)),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.year_placements is
  'Where each student of a year goes in the next (promoted, repeating, graduated), decided by the admin board; removable until the year opens.';
create index year_placements_school_idx on public.year_placements (school_id);
create index year_placements_student_idx on public.year_placements (student_id);
create index year_placements_from_idx on public.year_placements (from_enrolment_id);
create index year_placements_enrolment_idx on public.year_placements (enrolment_id);
create index year_placements_placed_by_idx on public.year_placements (placed_by);
alter table public.year_placements enable row level security;
revoke all on public.year_placements from anon, authenticated, service_role;
grant select on public.year_placements to authenticated, service_role;
create policy year_placements_select on public.year_placements for select to authenticated
  using (school_id in (select private.my_school_ids('{admin_board}')));
comment on policy year_placements_select on public.year_placements is 'The admin board reads its school''s placements (written only through rpc/place_students).';
select private.enable_audit('public.year_placements');

-- As 20261205010000, but a row of a year being prepared is not a record yet.
create or replace function private.retention_guard() returns trigger
language plpgsql set search_path = '' as $$
declare
  api boolean := session_user::text = 'authenticator' or current_user::text in ('anon', 'authenticated', 'service_role');
  year_name text;
begin
  if not api then
    return old;
  end if;
  if tg_level = 'ROW' and (to_jsonb(old) ->> 'school_year_id')::uuid in (select private.unopened_year_ids()) then
    return old;
  end if;
  if tg_level = 'STATEMENT' or tg_argv[0] = 'always' then
    raise exception 'Dữ liệu này thuộc hồ sơ của học sinh, được lưu giữ theo quy định: không được xoá, chỉ được sửa.'
      using errcode = '42501', detail = format('table %s', tg_table_name);
  end if;
  if private.school_year_ended(old.school_year_id) then
    select y.code into year_name from public.school_years y where y.id = old.school_year_id;
    raise exception 'Năm học % đã kết thúc: dữ liệu của năm học được lưu giữ theo quy định, không được xoá.', year_name
      using errcode = '42501', detail = format('table %s', tg_table_name);
  end if;
  return old;
end $$;

-- The year a placement comes from: the school's year just before `p_year`; refused unless the caller is
-- the admin board of the school. Returns (new year, previous year).
create function private.placement_years(p_year uuid, out nxt public.school_years, out prev public.school_years)
language plpgsql stable security definer set search_path = '' as $$
begin
  select * into nxt from public.school_years where id = p_year;
  if not found or nxt.school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường xếp lớp cho năm học mới.' using errcode = '42501';
  end if;
  select * into prev from public.school_years y where y.school_id = nxt.school_id and y.starts_on < nxt.starts_on
  order by y.starts_on desc limit 1;
  if not found then
    raise exception 'Năm học % không có năm học trước để xếp lớp từ đó.', nxt.code using errcode = '22023';
  end if;
end $$;
revoke execute on function private.placement_years(uuid) from public, anon;
grant execute on function private.placement_years(uuid) to authenticated;

/** rpc/placement_proposals: see the header. */
create function public.placement_proposals(p_school_year_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  y record;
  highest int;
  level text;
begin
  select * into y from private.placement_years(p_school_year_id);
  select max(c.grade) into highest from public.classes c where c.school_year_id = (y.prev).id;
  select o.school_level into level from public.org_units o where o.id = (y.nxt).school_id;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
             'enrolment_id', x.enrolment_id, 'student_id', x.student_id, 'student_code', x.student_code, 'full_name', x.full_name,
             'from_class', x.from_class, 'grade', x.grade, 'result', x.result, 'proposal', x.proposal,
             'class_id', case when x.proposal in ('promote', 'repeat') then t.id end,
             'class_name', case when x.proposal in ('promote', 'repeat') then t.name end,
             'placed', coalesce(p.action, case when pc.id is not null then 'enrolled' end), 'placed_class', pc.name)
           order by x.from_class, x.given_name, x.full_name)
    from (
      select e.id as enrolment_id, e.student_id, s.student_code, s.full_name, s.given_name, c.name as from_class, c.grade, k.result,
             case
               when k.result in ('promoted', 'lop_hoc', 'tieu_hoc') then case when c.grade = highest then 'graduate' else 'promote' end
               when k.result in ('not_promoted', 'chua') then 'repeat'
               else 'hold'
             end as proposal
      from public.enrolments e
      join public.classes c on c.id = e.class_id
      join public.students s on s.id = e.student_id
      cross join lateral (
        select case when level = 'primary'
                    then (select r.completion from public.primary_results r
                          where r.student_id = e.student_id and r.class_id = e.class_id and r.school_year_id = e.school_year_id)
                    else (select r.promotion from public.student_results r
                          where r.student_id = e.student_id and r.class_id = e.class_id and r.school_year_id = e.school_year_id and r.semester is null)
               end as result) k
      where e.school_year_id = (y.prev).id and (e.ended_on is null or e.end_reason in ('year_end', 'graduated'))
    ) x
    left join public.classes t on t.school_year_id = (y.nxt).id
      and t.name = case when x.proposal = 'promote' then regexp_replace(x.from_class, '^[0-9]+', (x.grade + 1)::text) else x.from_class end
    left join public.year_placements p on p.school_year_id = (y.nxt).id and p.student_id = x.student_id
    -- Placed here, or enrolled in the year some other way (Xếp lớp, the class-list import).
    left join lateral (select pe.class_id from public.enrolments pe
                       where pe.school_year_id = (y.nxt).id and pe.student_id = x.student_id and pe.ended_on is null limit 1) pe on true
    left join public.classes pc on pc.id = pe.class_id), '[]');
end $$;
revoke execute on function public.placement_proposals(uuid) from public, anon;
grant execute on function public.placement_proposals(uuid) to authenticated;
comment on function public.placement_proposals(uuid) is
  'The admin board: each student of the previous year with the year''s result and where they go in this year (a grade up, repeating, graduated, held), and where they were placed.';

/** rpc/place_students: see the header. */
create function public.place_students(p_school_year_id uuid, p_moves jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me constant uuid := (select auth.uid());
  y record;
  highest int;
  m jsonb;
  e public.enrolments;
  from_grade int;
  code text;
  k public.classes;
  v_action text;
  new_enrolment uuid;
  v_errors jsonb := '[]';
  n_placed int := 0;
  n_graduated int := 0;
  opened boolean;
begin
  select * into y from private.placement_years(p_school_year_id);
  opened := (y.nxt).opened_at is not null;
  if private.gradebook_locked((y.nxt).id, 1, null, null) or private.gradebook_locked((y.nxt).id, 2, null, null) then
    raise exception 'Sổ điểm năm học % đã khoá: không xếp lớp vào năm học đã khoá sổ.', (y.nxt).code using errcode = '55000';
  end if;
  if jsonb_typeof(p_moves) is distinct from 'array' or jsonb_array_length(p_moves) = 0 then
    raise exception 'Chưa có học sinh nào được chọn để xếp lớp.' using errcode = '22023';
  end if;
  select max(c.grade) into highest from public.classes c where c.school_year_id = (y.prev).id;
  begin
    for m in select * from jsonb_array_elements(p_moves) loop
      v_action := m ->> 'action';
      select en.* into e from public.enrolments en
      where en.id = (case when m ->> 'enrolment_id' ~* '^[0-9a-f-]{36}$' then (m ->> 'enrolment_id')::uuid end)
        and en.school_year_id = (y.prev).id and (en.ended_on is null or en.end_reason in ('year_end', 'graduated'));
      if not found then
        v_errors := v_errors || jsonb_build_object('enrolment_id', m ->> 'enrolment_id', 'student_code', null,
                                                   'message', format('Không phải học sinh của năm học %s.', (y.prev).code));
        continue;
      end if;
      select s.student_code into code from public.students s where s.id = e.student_id;
      select c.grade into from_grade from public.classes c where c.id = e.class_id;
      k := null;
      if v_action in ('promote', 'repeat') then
        select c.* into k from public.classes c
        where c.id = (case when m ->> 'class_id' ~* '^[0-9a-f-]{36}$' then (m ->> 'class_id')::uuid end) and c.school_year_id = (y.nxt).id;
      end if;
      if exists (select 1 from public.year_placements p where p.school_year_id = (y.nxt).id and p.student_id = e.student_id)
         or exists (select 1 from public.enrolments x where x.school_year_id = (y.nxt).id and x.student_id = e.student_id and x.ended_on is null) then
        v_errors := v_errors || jsonb_build_object('enrolment_id', e.id, 'student_code', code, 'message', 'Học sinh đã được xếp lớp cho năm học này.');
      elsif v_action is null or v_action not in ('promote', 'repeat', 'graduate') then
        v_errors := v_errors || jsonb_build_object('enrolment_id', e.id, 'student_code', code, 'message', 'Hãy chọn lên lớp, ở lại lớp hoặc ra trường.');
      elsif v_action = 'graduate' and from_grade <> highest then
        v_errors := v_errors || jsonb_build_object('enrolment_id', e.id, 'student_code', code,
                                                   'message', format('Chỉ học sinh lớp %s ra trường.', highest));
      elsif v_action <> 'graduate' and k.id is null then
        v_errors := v_errors || jsonb_build_object('enrolment_id', e.id, 'student_code', code,
                                                   'message', format('Hãy chọn một lớp của năm học %s.', (y.nxt).code));
      elsif v_action = 'promote' and k.grade <> from_grade + 1 then
        v_errors := v_errors || jsonb_build_object('enrolment_id', e.id, 'student_code', code,
                                                   'message', format('Học sinh lên lớp vào một lớp %s, không phải lớp %s.', from_grade + 1, k.name));
      elsif v_action = 'repeat' and k.grade <> from_grade then
        v_errors := v_errors || jsonb_build_object('enrolment_id', e.id, 'student_code', code,
                                                   'message', format('Học sinh ở lại lớp vào một lớp %s, không phải lớp %s.', from_grade, k.name));
      else
        new_enrolment := null;
        if v_action <> 'graduate' then
          insert into public.enrolments (school_id, school_year_id, student_id, class_id, started_on, start_reason)
          values ((y.nxt).school_id, (y.nxt).id, e.student_id, k.id, (y.nxt).starts_on,
                  case v_action when 'promote' then 'promoted' else 'repeating' end::public.enrolment_start)
          returning id into new_enrolment;
          n_placed := n_placed + 1;
          -- The family's accounts follow the student: their roles of the old year carried into the new one.
          perform set_config('sdt.carrying_year', (y.nxt).id::text, true);
          insert into public.memberships (profile_id, org_unit_id, school_year_id, role)
          select distinct m.profile_id, m.org_unit_id, (y.nxt).id, m.role from public.memberships m
          where m.org_unit_id = (y.nxt).school_id and m.school_year_id = (y.prev).id and m.role in ('guardian', 'student')
            and m.profile_id in (select g.profile_id from public.guardians g where g.student_id = e.student_id
                                 union select st.profile_id from public.students st where st.id = e.student_id)
          on conflict do nothing;
          perform set_config('sdt.carrying_year', '', true);
        else
          n_graduated := n_graduated + 1;
        end if;
        insert into public.year_placements (school_id, school_year_id, student_id, from_enrolment_id, action, enrolment_id, placed_by)
        values ((y.nxt).school_id, (y.nxt).id, e.student_id, e.id, v_action, new_enrolment, me);
        if opened and e.ended_on is null then
          update public.enrolments set ended_on = (y.prev).ends_on,
                 end_reason = case v_action when 'graduate' then 'graduated' else 'year_end' end::public.enrolment_end
          where id = e.id;
        end if;
      end if;
    end loop;
    if jsonb_array_length(v_errors) > 0 then
      -- Undo every move written so far: the block's savepoint is rolled back by this exception.
      raise exception 'placement refused' using errcode = 'SD001';
    end if;
  exception when sqlstate 'SD001' then
    return jsonb_build_object('placed', 0, 'graduated', 0, 'errors', v_errors);
  end;
  return jsonb_build_object('placed', n_placed, 'graduated', n_graduated, 'errors', '[]'::jsonb);
end $$;
revoke execute on function public.place_students(uuid, jsonb) from public, anon;
grant execute on function public.place_students(uuid, jsonb) to authenticated;
comment on function public.place_students(uuid, jsonb) is
  'The admin board places students of the previous year into this year (a grade up, repeating) or graduates them, all or nothing; returns {placed, graduated, errors:[{enrolment_id, student_code, message}]}.';

/** rpc/undo_placements: see the header. */
create function public.undo_placements(p_school_year_id uuid, p_student_ids uuid[] default null) returns int
language plpgsql volatile security definer set search_path = '' as $$
declare
  y record;
  n int;
begin
  select * into y from private.placement_years(p_school_year_id);
  if (y.nxt).opened_at is not null then
    raise exception 'Năm học % đã được mở: việc xếp lớp không còn hoàn tác được; hãy chuyển lớp hoặc kết thúc theo thủ tục.', (y.nxt).code
      using errcode = '55000';
  end if;
  with gone as (
    delete from public.year_placements p
    where p.school_year_id = (y.nxt).id and (p_student_ids is null or p.student_id = any (p_student_ids))
    returning p.enrolment_id
  ), dropped as (
    delete from public.enrolments e using gone where e.id = gone.enrolment_id returning e.id
  )
  select count(*) into n from gone;
  return n;
end $$;
revoke execute on function public.undo_placements(uuid, uuid[]) from public, anon;
grant execute on function public.undo_placements(uuid, uuid[]) to authenticated;
comment on function public.undo_placements(uuid, uuid[]) is 'The admin board removes placements (all, or some students'') of a year not opened yet, with the enrolments they made.';

/** rpc/open_school_year: see the header. */
create function public.open_school_year(p_school_year_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me constant uuid := (select auth.uid());
  y public.school_years;
  prev public.school_years;
  n_ended int := 0;
begin
  select * into y from public.school_years where id = p_school_year_id;
  if me is null or not found or y.school_id not in (select private.my_school_ids('{admin_board}')) then
    raise exception 'Chỉ Ban quản trị của trường mở năm học mới.' using errcode = '42501';
  end if;
  if y.opened_at is not null then
    raise exception 'Năm học % đã được mở.', y.code using errcode = '55000';
  end if;
  update public.school_years set opened_at = private.app_now(), opened_by = me, updated_at = now() where id = y.id;
  select * into prev from public.school_years p where p.school_id = y.school_id and p.starts_on < y.starts_on order by p.starts_on desc limit 1;
  if found then
    update public.enrolments e set ended_on = prev.ends_on,
           end_reason = case p.action when 'graduate' then 'graduated' else 'year_end' end::public.enrolment_end
    from public.year_placements p
    where p.school_year_id = y.id and e.id = p.from_enrolment_id and e.ended_on is null;
    get diagnostics n_ended = row_count;
  end if;
  return jsonb_build_object('school_year_id', y.id, 'code', y.code, 'starts_on', y.starts_on, 'enrolments_ended', n_ended);
end $$;
revoke execute on function public.open_school_year(uuid) from public, anon;
grant execute on function public.open_school_year(uuid) to authenticated;
comment on function public.open_school_year(uuid) is
  'The admin board opens a prepared school year: from then on its staff and families see it; the placed students'' previous enrolments end.';
