-- Sửa điểm (seed 001 Điều 8.2.d and Điều 10; DOMAIN.md §4). A subject teacher who entered a wrong
-- score in a locked gradebook files a request (phiếu đề nghị sửa điểm) naming the exact entries, the
-- values they should hold, the reason and evidence; the admin board gathers and forwards it; the
-- principal (or a vice principal acting for them, never the requester) approves or rejects; the admin
-- board opens an unlock bound to exactly the approved entries, to the requesting teacher and to an end
-- time, in front of the witnesses; the teacher enters the approved values; the admin board relocks at
-- once and closes the minutes (biên bản sửa chữa dữ liệu), which are generated from the audit log.
--
-- The state machine is here, not in the UI: clients have no write grant on these tables; the only way
-- in is rpc/save_correction_request (the draft) and rpc/advance_correction (every transition), and a
-- trigger refuses any status change that is not an edge of the machine whoever makes it. The unlock is
-- not a gradebook_locks event: the lock stays, and the lock trigger lets through exactly the rows an
-- open request covers (its entries, its teacher, its values, before its end time).

create type public.correction_status as enum (
  'draft', 'submitted', 'forwarded', 'approved', 'rejected', 'unlocked', 'edited', 'relocked', 'minuted', 'withdrawn');

create table public.correction_requests (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  subject_id uuid not null references public.subjects (id) on delete restrict,
  -- 1, 2, or null for the re-test sheet (as score_entries).
  semester smallint check (semester in (1, 2)),
  requested_by uuid not null references public.profiles (id) on delete restrict,
  reason text not null check (length(trim(reason)) between 10 and 2000),
  status public.correction_status not null default 'draft',
  submitted_at timestamptz,
  forwarded_by uuid references public.profiles (id) on delete restrict,
  forwarded_at timestamptz,
  decided_by uuid references public.profiles (id) on delete restrict,
  decided_at timestamptz,
  decision_note text check (length(decision_note) <= 2000),
  unlocked_by uuid references public.profiles (id) on delete restrict,
  unlocked_at timestamptz,
  unlock_ends_at timestamptz,
  edited_at timestamptz,
  relocked_by uuid references public.profiles (id) on delete restrict,
  relocked_at timestamptz,
  minuted_by uuid references public.profiles (id) on delete restrict,
  minuted_at timestamptz,
  minutes_place text check (length(minutes_place) <= 300),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, school_year_id),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (class_id, subject_id) references public.class_subjects (class_id, subject_id) on delete restrict,
  -- Separation of duties, whoever writes: the approver is never the requester.
  constraint correction_requests_not_self_approved check (decided_by is distinct from requested_by)
);
comment on table public.correction_requests is
  'Phiếu đề nghị sửa điểm: a state machine (draft → submitted → forwarded → approved/rejected → unlocked → edited → relocked → minuted; withdrawn) changed only through rpc/advance_correction.';
create index correction_requests_year_idx on public.correction_requests (school_year_id, status);
create index correction_requests_school_idx on public.correction_requests (school_id);
create index correction_requests_class_idx on public.correction_requests (class_id);
create index correction_requests_requester_idx on public.correction_requests (requested_by);

create table public.correction_items (
  id uuid primary key default extensions.gen_random_uuid(),
  request_id uuid not null,
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  student_id uuid not null,
  kind public.entry_kind not null,
  seq smallint not null default 1,
  -- The value recorded when the request was saved (both null: the cell was empty).
  recorded_score numeric,
  recorded_rating boolean,
  -- The value the entry must hold after the correction.
  proposed_score numeric check (proposed_score between 0 and 10 and proposed_score = round(proposed_score, 1)),
  proposed_rating boolean,
  -- Set by the lock trigger when the teacher writes the approved value; audit_id is that write's entry.
  applied_at timestamptz,
  audit_id bigint references public.audit_log (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint correction_items_value_check check ((proposed_score is null) <> (proposed_rating is null)),
  constraint correction_items_one_per_slot unique (request_id, student_id, kind, seq),
  foreign key (request_id, school_year_id) references public.correction_requests (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.correction_items is
  'One entry a correction request changes: the slot, the value recorded and the value approved; applied_at/audit_id once the teacher wrote it.';
create index correction_items_student_idx on public.correction_items (student_id);
create index correction_items_school_idx on public.correction_items (school_id);
create index correction_items_audit_idx on public.correction_items (audit_id);
create index correction_items_year_idx on public.correction_items (school_year_id);

create table public.correction_witnesses (
  id uuid primary key default extensions.gen_random_uuid(),
  request_id uuid not null,
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  profile_id uuid not null references public.profiles (id) on delete restrict,
  -- bgh = đại diện Ban giám hiệu, inspector = Ban thanh tra nhân dân, admin_board = Ban quản trị,
  -- requester = người đề nghị, homeroom = giáo viên chủ nhiệm.
  capacity text not null check (capacity in ('bgh', 'inspector', 'admin_board', 'requester', 'homeroom')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (request_id, profile_id, capacity),
  foreign key (request_id, school_year_id) references public.correction_requests (id, school_year_id) on delete restrict
);
comment on table public.correction_witnesses is 'Người chứng kiến: who was present when the admin board unlocked, and in what capacity.';
create index correction_witnesses_profile_idx on public.correction_witnesses (profile_id);
create index correction_witnesses_school_idx on public.correction_witnesses (school_id);
create index correction_witnesses_year_idx on public.correction_witnesses (school_year_id);

-- The link from a corrected entry to its request: set on every write the request covers (below), so
-- the audit entry of that write carries it inside the hashed row.
alter table public.score_entries add column correction_request_id uuid references public.correction_requests (id) on delete restrict;
comment on column public.score_entries.correction_request_id is
  'The correction request under which this value was written (null for ordinary entries); audited with the row.';
create index score_entries_correction_idx on public.score_entries (correction_request_id) where correction_request_id is not null;

-- ---------------------------------------------------------------------------------------------------
-- Who reads a request: the requester; the admin board, BGH and the inspection board of the year once
-- it is submitted; the class's GVCN (a witness) once submitted; anyone recorded as a witness.
-- Items, witnesses and evidence follow the request.
-- ---------------------------------------------------------------------------------------------------
create function private.readable_correction_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select q.id from public.correction_requests q where q.requested_by = (select auth.uid())
  union
  select q.id from public.correction_requests q
  where q.status <> 'draft'
    and (q.school_year_id in (select private.my_year_ids('{admin_board,principal,vice_principal,inspector}'))
         or q.class_id in (select private.homeroom_class_ids()))
  union
  select w.request_id from public.correction_witnesses w where w.profile_id = (select auth.uid())
$$;
revoke execute on function private.readable_correction_ids() from public, anon;
grant execute on function private.readable_correction_ids() to authenticated, service_role;

alter table public.correction_requests enable row level security;
alter table public.correction_items enable row level security;
alter table public.correction_witnesses enable row level security;
grant select on public.correction_requests, public.correction_items, public.correction_witnesses to authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger
  on public.correction_requests, public.correction_items, public.correction_witnesses from service_role, authenticated, anon;

create policy correction_requests_select on public.correction_requests for select to authenticated
  using (id in (select private.readable_correction_ids()));
create policy correction_items_select on public.correction_items for select to authenticated
  using (request_id in (select private.readable_correction_ids()));
create policy correction_witnesses_select on public.correction_witnesses for select to authenticated
  using (request_id in (select private.readable_correction_ids()));
comment on policy correction_requests_select on public.correction_requests is
  'The requester; once submitted the admin board, BGH, the inspection board and the class''s GVCN; every witness.';
comment on policy correction_items_select on public.correction_items is 'Whoever reads the request.';
comment on policy correction_witnesses_select on public.correction_witnesses is 'Whoever reads the request.';

-- ---------------------------------------------------------------------------------------------------
-- The machine's edges, checked for every writer (the owner included): anything else is refused.
-- ---------------------------------------------------------------------------------------------------
create function private.correction_edge_allowed(from_status public.correction_status, to_status public.correction_status)
returns boolean
language sql immutable set search_path = ''
as $$
  select (from_status, to_status) in (
    ('draft', 'submitted'), ('draft', 'withdrawn'), ('submitted', 'withdrawn'),
    ('submitted', 'forwarded'), ('forwarded', 'approved'), ('forwarded', 'rejected'),
    ('approved', 'unlocked'), ('unlocked', 'edited'), ('unlocked', 'relocked'), ('edited', 'relocked'),
    ('relocked', 'minuted'))
$$;

create function private.status_label(s public.correction_status) returns text
language sql immutable set search_path = ''
as $$
  select case s when 'draft' then 'Nháp' when 'submitted' then 'Đã gửi' when 'forwarded' then 'Đã trình Hiệu trưởng'
    when 'approved' then 'Đã duyệt' when 'rejected' then 'Không duyệt' when 'unlocked' then 'Đang mở khoá để sửa'
    when 'edited' then 'Đã sửa' when 'relocked' then 'Đã khoá lại' when 'minuted' then 'Đã lập biên bản'
    else 'Đã rút' end
$$;
grant execute on function private.status_label(public.correction_status) to authenticated, service_role;

create function private.check_correction_request() returns trigger
language plpgsql set search_path = ''
as $$ begin
  if tg_op = 'DELETE' then
    raise exception 'Đề nghị sửa điểm là hồ sơ: không được xoá (nháp thì rút lại)' using errcode = '42501';
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      raise exception 'Đề nghị sửa điểm mới phải ở trạng thái nháp' using errcode = '22023';
    end if;
    return new;
  end if;
  if new.status is distinct from old.status and not private.correction_edge_allowed(old.status, new.status) then
    raise exception 'Không thể chuyển đề nghị sửa điểm từ "%" sang "%"',
      private.status_label(old.status), private.status_label(new.status) using errcode = 'PT409';
  end if;
  if (new.school_id, new.school_year_id, new.class_id, new.subject_id, new.semester, new.requested_by)
     is distinct from (old.school_id, old.school_year_id, old.class_id, old.subject_id, old.semester, old.requested_by) then
    raise exception 'Không được đổi lớp, môn, học kỳ hay người đề nghị của một đề nghị sửa điểm' using errcode = '42501';
  end if;
  if new.status <> 'draft' and new.reason is distinct from old.reason then
    raise exception 'Đề nghị đã gửi: không được sửa lý do' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger correction_requests_check before insert or update or delete on public.correction_requests
  for each row execute function private.check_correction_request();

-- Items change only while the request is a draft; afterwards only the lock trigger marks them applied.
create function private.check_correction_item() returns trigger
language plpgsql set search_path = ''
as $$
declare
  st public.correction_status;
begin
  select q.status into st from public.correction_requests q where q.id = coalesce(new.request_id, old.request_id);
  if tg_op = 'UPDATE' and (new.request_id, new.student_id, new.kind, new.seq, new.recorded_score, new.recorded_rating,
                           new.proposed_score, new.proposed_rating)
                          is not distinct from (old.request_id, old.student_id, old.kind, old.seq, old.recorded_score,
                                                old.recorded_rating, old.proposed_score, old.proposed_rating)
     and st in ('unlocked', 'edited') then
    new.updated_at := now();
    return new;  -- applied_at / audit_id, set by private.refuse_locked_writes
  end if;
  if st <> 'draft' then
    raise exception 'Đề nghị sửa điểm đã gửi: không được thêm, sửa hay bỏ ô điểm nào' using errcode = '42501';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger correction_items_check before insert or update or delete on public.correction_items
  for each row execute function private.check_correction_item();

create function private.check_correction_witness() returns trigger
language plpgsql set search_path = ''
as $$ begin
  if tg_op <> 'INSERT' then
    raise exception 'Danh sách người chứng kiến là hồ sơ: không được sửa hay xoá' using errcode = '42501';
  end if;
  if (select q.status from public.correction_requests q where q.id = new.request_id) <> 'approved' then
    raise exception 'Người chứng kiến được ghi khi mở khoá một đề nghị đã duyệt' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger correction_witnesses_check before insert or update or delete on public.correction_witnesses
  for each row execute function private.check_correction_witness();

select private.enable_audit('public.correction_requests');
select private.enable_audit('public.correction_items');
select private.enable_audit('public.correction_witnesses');

-- ---------------------------------------------------------------------------------------------------
-- Whether the caller may save a sheet (the predicate of save_score_entries): the teacher of the
-- assignment for a semester, the GVCN for the re-test sheet.
-- ---------------------------------------------------------------------------------------------------
create function private.may_save_sheet(p_class_id uuid, p_subject_id uuid, p_semester int) returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return case when p_semester is null then p_class_id in (select private.homeroom_class_ids())
              else private.teaches(p_class_id, p_subject_id, p_semester) end;
end $$;
revoke execute on function private.may_save_sheet(uuid, uuid, int) from public, anon;
grant execute on function private.may_save_sheet(uuid, uuid, int) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- rpc/save_correction_request: creates (p_id null) or rewrites a draft — reason and items
-- [{student_id, kind, seq, value}] with values read as the gradebook reads them ("8,5"). Only the
-- teacher who may save that sheet; only while a draft. The recorded value of each entry is taken now.
-- Returns the request id. Errors: 22023 bad values (all listed), 42501 not the teacher / not a draft.
-- ---------------------------------------------------------------------------------------------------
create function public.save_correction_request(p_id uuid, p_class_id uuid, p_subject_id uuid, p_semester int,
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
comment on function public.save_correction_request(uuid, uuid, uuid, int, text, jsonb) is
  'Creates or rewrites a draft correction request (reason and items with proposed values). The teacher of that sheet; drafts only.';
revoke execute on function public.save_correction_request(uuid, uuid, uuid, int, text, jsonb) from public, anon;
grant execute on function public.save_correction_request(uuid, uuid, uuid, int, text, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Evidence: bucket correction-evidence, keys "<request id>/<file>", JPEG/PNG/PDF up to 10 MB.
-- Uploaded and removed by the requester while the draft is open; read by whoever reads the request;
-- immutable once submitted, for every writer (the trigger below, not only RLS).
-- ---------------------------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('correction-evidence', 'correction-evidence', false, 10000000, '{image/jpeg,image/png,application/pdf}')
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- The request an evidence key belongs to (null when the first folder is not a request id).
create function private.evidence_request_id(p_name text) returns uuid
language sql immutable set search_path = ''
as $$
  select case when split_part(p_name, '/', 1) ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then split_part(p_name, '/', 1)::uuid end
$$;
grant execute on function private.evidence_request_id(text) to authenticated, service_role;

-- Draft requests of the caller (evidence may be added or removed).
create function private.my_draft_correction_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$ select q.id from public.correction_requests q where q.requested_by = (select auth.uid()) and q.status = 'draft' $$;
revoke execute on function private.my_draft_correction_ids() from public, anon;
grant execute on function private.my_draft_correction_ids() to authenticated, service_role;

create policy correction_evidence_select on storage.objects for select to authenticated
  using (bucket_id = 'correction-evidence' and private.evidence_request_id(name) in (select private.readable_correction_ids()));
create policy correction_evidence_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'correction-evidence' and private.evidence_request_id(name) in (select private.my_draft_correction_ids()));
create policy correction_evidence_delete on storage.objects for delete to authenticated
  using (bucket_id = 'correction-evidence' and private.evidence_request_id(name) in (select private.my_draft_correction_ids()));

create function private.freeze_submitted_evidence() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  r record;
begin
  r := coalesce(old, new);
  if r.bucket_id = 'correction-evidence' and tg_op <> 'INSERT'
     and coalesce((select q.status from public.correction_requests q where q.id = private.evidence_request_id(r.name)), 'draft') <> 'draft' then
    raise exception 'Minh chứng của đề nghị đã gửi không được thay đổi hay xoá' using errcode = '42501';
  end if;
  if tg_op = 'INSERT' and new.bucket_id = 'correction-evidence'
     and coalesce((select q.status from public.correction_requests q where q.id = private.evidence_request_id(new.name)), 'submitted') <> 'draft' then
    raise exception 'Chỉ thêm minh chứng vào đề nghị sửa điểm còn là nháp' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger correction_evidence_frozen before insert or update or delete on storage.objects
  for each row execute function private.freeze_submitted_evidence();

-- ---------------------------------------------------------------------------------------------------
-- What freezes a gradebook cell: a lock (private.gradebook_locked) or the class's results for that
-- semester being proposed, approved or published (result_publications, next migration, replaces
-- this definition). Returns why, or null when the cell is open.
-- ---------------------------------------------------------------------------------------------------
create function private.cell_frozen(p_school_year_id uuid, p_semester int, p_class_id uuid, p_subject_id uuid)
returns text
language plpgsql stable security definer set search_path = ''
as $$ begin
  return case when private.gradebook_locked(p_school_year_id, p_semester, p_class_id, p_subject_id) then 'đã khoá' end;
end $$;
revoke execute on function private.cell_frozen(uuid, int, uuid, uuid) from public, anon;
grant execute on function private.cell_frozen(uuid, int, uuid, uuid) to authenticated, service_role;

-- The open correction (unlocked or edited, before its end time, of the caller) that covers a slot.
-- PL/pgSQL, not SQL: it runs for every row a teacher writes, and a PL/pgSQL function keeps its plan
-- between calls where a non-inlined SQL function plans its query at each call (≈ 1 ms a row).
create function private.open_correction_for(p_student_id uuid, p_subject_id uuid, p_school_year_id uuid, p_semester int,
                                            p_kind public.entry_kind, p_seq int)
returns uuid
language plpgsql stable security definer set search_path = ''
as $$ begin
  return (
    select q.id from public.correction_items i join public.correction_requests q on q.id = i.request_id
    where i.student_id = p_student_id and i.kind = p_kind and i.seq = p_seq
      and q.subject_id = p_subject_id and q.school_year_id = p_school_year_id and q.semester is not distinct from p_semester
      and q.status in ('unlocked', 'edited') and q.requested_by = (select auth.uid())
      and q.unlock_ends_at > clock_timestamp()
    limit 1);
end $$;
revoke execute on function private.open_correction_for(uuid, uuid, uuid, int, public.entry_kind, int) from public, anon;
grant execute on function private.open_correction_for(uuid, uuid, uuid, int, public.entry_kind, int) to authenticated, service_role;

-- Every write to score_entries records the open correction of its writer covering that slot (null
-- otherwise), whatever the client sends. Cost: one index probe on correction_items per row.
create function private.stamp_correction() returns trigger
language plpgsql set search_path = ''
as $$ begin
  new.correction_request_id := case when (select auth.uid()) is not null then
    private.open_correction_for(new.student_id, new.subject_id, new.school_year_id, new.semester, new.kind, new.seq) end;
  return new;
end $$;
create trigger score_entries_correction before insert or update on public.score_entries
  for each row execute function private.stamp_correction();

-- Whether the rows a statement writes into one frozen score_entries cell (new, and for an update old,
-- as jsonb arrays) are all open corrections of the writer: each new row is the approved value of an
-- item of an open request of the caller (unlocked or edited, before its end time) for that exact
-- entry, and each old row is the same entry. Cost: the rows of that cell × an index probe.
create function private.corrections_cover(p_school_year_id uuid, p_semester int, p_class_id uuid, p_subject_id uuid,
                                          p_new jsonb, p_old jsonb)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select not exists (
      select 1 from jsonb_populate_recordset(null::public.score_entries, p_new) n
      where not exists (
        select 1 from public.correction_items i join public.correction_requests q on q.id = i.request_id
        where q.id = n.correction_request_id and q.requested_by = (select auth.uid())
          and q.status in ('unlocked', 'edited') and q.unlock_ends_at > clock_timestamp()
          and q.class_id = n.class_id and q.subject_id = n.subject_id and q.semester is not distinct from n.semester
          and i.student_id = n.student_id and i.kind = n.kind and i.seq = n.seq
          and i.proposed_score is not distinct from n.score and i.proposed_rating is not distinct from n.rating))
     and not exists (
      select 1 from jsonb_populate_recordset(null::public.score_entries, coalesce(p_old, '[]')) o
      where not exists (
        select 1 from jsonb_populate_recordset(null::public.score_entries, p_new) n
        where n.id = o.id and n.correction_request_id is not null
          and (n.student_id, n.subject_id, n.school_year_id, n.class_id, n.kind, n.seq)
            = (o.student_id, o.subject_id, o.school_year_id, o.class_id, o.kind, o.seq)
          and n.semester is not distinct from o.semester))
$$;
revoke execute on function private.corrections_cover(uuid, int, uuid, uuid, jsonb, jsonb) from public, anon, authenticated;

-- Marks the items a statement carried out (rows written with a correction_request_id, as a jsonb
-- array): applied_at and the audit entry of the write (the audit triggers, audit_*, fire before the
-- lock triggers: triggers fire in name order); a request whose items are all applied becomes "edited".
create function private.apply_corrections(p_rows jsonb) returns void
language plpgsql security definer set search_path = ''
as $$ begin
  if jsonb_array_length(p_rows) = 0 then
    return;
  end if;
  update public.correction_items i
  set applied_at = clock_timestamp(),
      audit_id = (select max(a.id) from public.audit_log a
                  where a.table_name = 'score_entries' and a.row_keys @> array[n.id::text])
  from jsonb_populate_recordset(null::public.score_entries, p_rows) n
  where i.request_id = n.correction_request_id and i.student_id = n.student_id and i.kind = n.kind and i.seq = n.seq
    and i.proposed_score is not distinct from n.score and i.proposed_rating is not distinct from n.rating;
  update public.correction_requests q
  set status = 'edited', edited_at = clock_timestamp()
  where q.id in (select (r ->> 'correction_request_id')::uuid from jsonb_array_elements(p_rows) r) and q.status = 'unlocked'
    and not exists (select 1 from public.correction_items i where i.request_id = q.id and i.applied_at is null);
end $$;
revoke execute on function private.apply_corrections(jsonb) from public, anon, authenticated;

-- The lock trigger, now: a statement touching a frozen cell is refused unless every row it writes in
-- that cell is the approved value of an open correction of the writer (its entry, before its end
-- time); then those items are marked applied, with the audit entry of the write, and a request whose
-- items are all applied becomes "edited". Deletes in a frozen cell are always refused. Ordinary
-- writes to open cells cost what they did: one lookup per distinct cell.
create or replace function private.refuse_locked_writes() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  cells private.gradebook_cell[] := '{}';
  hit record;
  has_subject constant boolean := tg_table_name in ('score_entries', 'subject_comments');
  why text;
  covered boolean;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    if has_subject then
      select cells || coalesce(array_agg(distinct (n.school_year_id, n.semester, n.class_id, n.subject_id)::private.gradebook_cell), '{}')
      into cells from new_rows n;
    else
      select cells || coalesce(array_agg(distinct (n.school_year_id, n.semester, n.class_id, null)::private.gradebook_cell), '{}')
      into cells from new_rows n;
    end if;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    if has_subject then
      select cells || coalesce(array_agg(distinct (o.school_year_id, o.semester, o.class_id, o.subject_id)::private.gradebook_cell), '{}')
      into cells from old_rows o;
    else
      select cells || coalesce(array_agg(distinct (o.school_year_id, o.semester, o.class_id, null)::private.gradebook_cell), '{}')
      into cells from old_rows o;
    end if;
  end if;
  for hit in
    select t.school_year_id, t.semester, t.class_id, t.subject_id
    from (select distinct * from unnest(cells)) t
  loop
    why := private.cell_frozen(hit.school_year_id, hit.semester, hit.class_id, hit.subject_id);
    continue when why is null;
    -- (Nested IFs: PL/pgSQL plans a whole condition at once, and only score_entries has these columns.)
    if tg_table_name = 'score_entries' and tg_op <> 'DELETE' then
      -- (Each transition table exists only for its own events, so old_rows is read only for updates.)
      if tg_op = 'UPDATE' then
        covered := private.corrections_cover(hit.school_year_id, hit.semester, hit.class_id, hit.subject_id,
          (select coalesce(jsonb_agg(to_jsonb(n)), '[]') from new_rows n
           where (n.school_year_id, n.class_id, n.subject_id) = (hit.school_year_id, hit.class_id, hit.subject_id)
             and n.semester is not distinct from hit.semester),
          (select coalesce(jsonb_agg(to_jsonb(o)), '[]') from old_rows o
           where (o.school_year_id, o.class_id, o.subject_id) = (hit.school_year_id, hit.class_id, hit.subject_id)
             and o.semester is not distinct from hit.semester));
      else
        covered := private.corrections_cover(hit.school_year_id, hit.semester, hit.class_id, hit.subject_id,
          (select coalesce(jsonb_agg(to_jsonb(n)), '[]') from new_rows n
           where (n.school_year_id, n.class_id, n.subject_id) = (hit.school_year_id, hit.class_id, hit.subject_id)
             and n.semester is not distinct from hit.semester),
          null);
      end if;
      continue when covered;
    end if;
    select hit.semester, hit.school_year_id, hit.class_id, hit.subject_id, y.code as year_code, c.name as class_name, s.name as subject_name into hit
    from public.school_years y, public.classes c left join public.subjects s on s.id = hit.subject_id
    where y.id = hit.school_year_id and c.id = hit.class_id;
    raise exception 'Sổ điểm % năm học % % (%): không ai được thay đổi dữ liệu đã khoá. Muốn sửa, hãy làm đề nghị sửa điểm.%',
      case hit.semester when 1 then 'học kỳ I' when 2 then 'học kỳ II' else 'kiểm tra lại và rèn luyện hè' end,
      hit.year_code, why, 'lớp ' || hit.class_name || coalesce(', môn ' || hit.subject_name, ''),
      -- The teacher of an open unlock is told what it allows.
      case when tg_table_name = 'score_entries' and exists (
             select 1 from public.correction_requests q
             where q.requested_by = (select auth.uid()) and q.status in ('unlocked', 'edited') and q.unlock_ends_at > clock_timestamp()
               and q.class_id = hit.class_id and q.subject_id = hit.subject_id and q.semester is not distinct from hit.semester)
           then ' Đề nghị đang được mở khoá chỉ cho sửa đúng các ô đã duyệt, đúng giá trị đã duyệt, trước giờ hết hạn.' else '' end
      using errcode = 'PT423';
  end loop;

  -- Mark the corrections this statement carried out (whether or not the cell was frozen).
  if tg_table_name = 'score_entries' and tg_op <> 'DELETE' then
    if exists (select 1 from new_rows n where n.correction_request_id is not null) then
      perform private.apply_corrections((select jsonb_agg(to_jsonb(n)) from new_rows n where n.correction_request_id is not null));
    end if;
  end if;
  return null;
end $$;

