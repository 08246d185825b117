-- The transitions of a correction request, the minutes and a cell's history.

-- Whether a profile holds one of `roles` in a school year.
create function private.holds_role(p_profile_id uuid, p_school_year_id uuid, p_roles public.app_role[]) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.memberships m
                 where m.profile_id = p_profile_id and m.school_year_id = p_school_year_id and m.role = any (p_roles))
$$;
revoke execute on function private.holds_role(uuid, uuid, public.app_role[]) from public, anon;
grant execute on function private.holds_role(uuid, uuid, public.app_role[]) to authenticated, service_role;

-- rpc/advance_correction: one transition of the machine, by the role that owns it.
--   submitted  the requester; the draft has items and evidence, and every item's cell is frozen
--              (locked or its results proposed/approved/published: an open cell is simply edited)
--   withdrawn  the requester, from draft or submitted
--   forwarded  the admin board of the year
--   approved / rejected  the principal, or a vice principal acting for them; never the requester;
--              p_note required to reject
--   unlocked   the admin board; p_until in the next 24 hours; p_witnesses [{profile_id, capacity}]
--              with a BGH member (bgh) and an inspection board member (inspector); the admin board
--              member, the requester and the class's GVCN are recorded from the request; the entries
--              must still hold the values recorded in the request
--   relocked   the admin board, from unlocked or edited (an unlock past its end time is already
--              closed for writes; this records it)
--   minuted    the admin board; p_note = the place of the meeting
-- "edited" is reached only by writing the last approved value (the lock trigger). Every other move is
-- refused (PT409 from the table trigger); a caller without the role gets 42501. Returns the request.
create function public.advance_correction(p_request_id uuid, p_to public.correction_status, p_note text default null,
                                          p_until timestamptz default null, p_witnesses jsonb default null)
returns public.correction_requests
language plpgsql volatile security definer set search_path = ''
as $$
declare
  req public.correction_requests;
  caller uuid := (select auth.uid());
  w jsonb;
  homeroom uuid;
  missing text;
begin
  select * into req from public.correction_requests q where q.id = p_request_id for update;
  if not found or req.id not in (select private.readable_correction_ids()) then
    raise exception 'Không tìm thấy đề nghị sửa điểm' using errcode = '42501';
  end if;
  if not private.correction_edge_allowed(req.status, p_to) then
    raise exception 'Không thể chuyển đề nghị sửa điểm từ "%" sang "%"',
      private.status_label(req.status), private.status_label(p_to) using errcode = 'PT409';
  end if;

  if p_to in ('submitted', 'withdrawn') then
    if req.requested_by <> caller then
      raise exception 'Chỉ người đề nghị mới gửi hoặc rút đề nghị này' using errcode = '42501';
    end if;
  elsif p_to in ('forwarded', 'unlocked', 'relocked', 'minuted') then
    if not private.holds_role(caller, req.school_year_id, '{admin_board}') then
      raise exception 'Chỉ Ban quản trị của năm học này thực hiện bước "%"', private.status_label(p_to) using errcode = '42501';
    end if;
  elsif p_to in ('approved', 'rejected') then
    if not private.holds_role(caller, req.school_year_id, '{principal,vice_principal}') then
      raise exception 'Chỉ Hiệu trưởng (hoặc Phó hiệu trưởng được uỷ quyền) duyệt đề nghị sửa điểm' using errcode = '42501';
    end if;
    if caller = req.requested_by then
      raise exception 'Người đề nghị không được tự duyệt đề nghị sửa điểm của mình' using errcode = '42501';
    end if;
  else
    raise exception 'Bước "%" không được thực hiện trực tiếp', private.status_label(p_to) using errcode = 'PT409';
  end if;

  if p_to = 'submitted' then
    if not exists (select 1 from public.correction_items i where i.request_id = req.id) then
      raise exception 'Đề nghị chưa có ô điểm nào' using errcode = '22023';
    end if;
    if not exists (select 1 from storage.objects o
                   where o.bucket_id = 'correction-evidence' and private.evidence_request_id(o.name) = req.id) then
      raise exception 'Hãy đính kèm minh chứng (ảnh bài kiểm tra, sổ ghi điểm cá nhân…) trước khi gửi' using errcode = '22023';
    end if;
    if private.cell_frozen(req.school_year_id, req.semester, req.class_id, req.subject_id) is null then
      raise exception 'Sổ điểm này chưa khoá: thầy/cô sửa trực tiếp trong sổ điểm, không cần đề nghị' using errcode = '22023';
    end if;
    update public.correction_requests q set status = 'submitted', submitted_at = now() where q.id = req.id returning * into req;
  elsif p_to = 'withdrawn' then
    update public.correction_requests q set status = 'withdrawn', decision_note = p_note where q.id = req.id returning * into req;
  elsif p_to = 'forwarded' then
    update public.correction_requests q set status = 'forwarded', forwarded_by = caller, forwarded_at = now()
    where q.id = req.id returning * into req;
  elsif p_to in ('approved', 'rejected') then
    if p_to = 'rejected' and length(trim(coalesce(p_note, ''))) < 3 then
      raise exception 'Hãy ghi lý do không duyệt' using errcode = '22023';
    end if;
    update public.correction_requests q set status = p_to, decided_by = caller, decided_at = now(), decision_note = nullif(trim(p_note), '')
    where q.id = req.id returning * into req;
  elsif p_to = 'unlocked' then
    if p_until is null or p_until <= clock_timestamp() or p_until > clock_timestamp() + interval '24 hours' then
      raise exception 'Thời hạn mở khoá phải sau thời điểm hiện tại và trong vòng 24 giờ' using errcode = '22023';
    end if;
    if p_witnesses is null or jsonb_typeof(p_witnesses) <> 'array' then
      raise exception 'Hãy ghi danh sách người chứng kiến' using errcode = '22023';
    end if;
    -- The entries must still hold what the request recorded (nobody changed them in between).
    select string_agg(st.full_name || ' – ' || private.entry_label(i.kind, i.seq), ', ') into missing
    from public.correction_items i
    join public.students st on st.id = i.student_id
    left join public.score_entries x on x.student_id = i.student_id and x.subject_id = req.subject_id
      and x.school_year_id = req.school_year_id and x.semester is not distinct from req.semester and x.kind = i.kind and x.seq = i.seq
    where i.request_id = req.id
      and (x.score is distinct from i.recorded_score or x.rating is distinct from i.recorded_rating);
    if missing is not null then
      raise exception 'Điểm đã thay đổi kể từ khi lập đề nghị: %. Không mở khoá được.', missing using errcode = 'PT409';
    end if;
    for w in select * from jsonb_array_elements(p_witnesses) loop
      if coalesce(w ->> 'capacity', '') not in ('bgh', 'inspector')
         or coalesce(w ->> 'profile_id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        raise exception 'Người chứng kiến không hợp lệ: chọn đại diện Ban giám hiệu và Ban thanh tra nhân dân' using errcode = '22023';
      end if;
      if not private.holds_role((w ->> 'profile_id')::uuid, req.school_year_id,
                                case w ->> 'capacity' when 'bgh' then '{principal,vice_principal}'::public.app_role[]
                                                      else '{inspector}'::public.app_role[] end) then
        raise exception '%', case w ->> 'capacity' when 'bgh' then 'Đại diện Ban giám hiệu phải là Hiệu trưởng hoặc Phó hiệu trưởng của năm học'
                                  else 'Người chứng kiến của Ban thanh tra nhân dân phải là thành viên Ban thanh tra của trường' end
          using errcode = '22023';
      end if;
      insert into public.correction_witnesses (request_id, school_id, school_year_id, profile_id, capacity)
      values (req.id, req.school_id, req.school_year_id, (w ->> 'profile_id')::uuid, w ->> 'capacity')
      on conflict do nothing;
    end loop;
    if not exists (select 1 from public.correction_witnesses x where x.request_id = req.id and x.capacity = 'bgh') then
      raise exception 'Cần có đại diện Ban giám hiệu chứng kiến' using errcode = '22023';
    end if;
    if not exists (select 1 from public.correction_witnesses x where x.request_id = req.id and x.capacity = 'inspector') then
      raise exception 'Cần có đại diện Ban thanh tra nhân dân chứng kiến' using errcode = '22023';
    end if;
    select c.homeroom_teacher_id into homeroom from public.classes c where c.id = req.class_id;
    insert into public.correction_witnesses (request_id, school_id, school_year_id, profile_id, capacity)
    select req.id, req.school_id, req.school_year_id, p, cap
    from (values (caller, 'admin_board'), (req.requested_by, 'requester'), (homeroom, 'homeroom')) v (p, cap)
    where p is not null
    on conflict do nothing;
    update public.correction_requests q set status = 'unlocked', unlocked_by = caller, unlocked_at = now(), unlock_ends_at = p_until
    where q.id = req.id returning * into req;
  elsif p_to = 'relocked' then
    update public.correction_requests q set status = 'relocked', relocked_by = caller, relocked_at = now(),
      unlock_ends_at = least(q.unlock_ends_at, now())
    where q.id = req.id returning * into req;
  elsif p_to = 'minuted' then
    update public.correction_requests q set status = 'minuted', minuted_by = caller, minuted_at = now(),
      minutes_place = nullif(trim(p_note), '')
    where q.id = req.id returning * into req;
  end if;
  return req;
end $$;
comment on function public.advance_correction(uuid, public.correction_status, text, timestamptz, jsonb) is
  'One transition of a correction request by the role that owns it (teacher submits/withdraws, admin board forwards/unlocks/relocks/minutes, principal or vice principal approves/rejects, never their own). Refuses other moves.';
revoke execute on function public.advance_correction(uuid, public.correction_status, text, timestamptz, jsonb) from public, anon;
grant execute on function public.advance_correction(uuid, public.correction_status, text, timestamptz, jsonb) to authenticated;

-- Display value of an entry row (jsonb from the audit log or the items): "8,5", "Đ", "CĐ", "".
create function private.entry_value_text(score numeric, rating boolean) returns text
language sql immutable set search_path = ''
as $$ select coalesce(replace(score::text, '.', ','), case rating when true then 'Đ' when false then 'CĐ' end, '') $$;
grant execute on function private.entry_value_text(numeric, boolean) to authenticated, service_role;

-- rpc/correction_minutes: the biên bản sửa chữa dữ liệu of a request, generated from the audit log —
-- each item's value before and after comes from the audit entry of the write that applied it (not
-- from the request), with who and when; plus the request, its decision, unlock and relock, and the
-- witnesses. For whoever reads the request. Cost: one request (a few items).
create function public.correction_minutes(p_request_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  req record;
  items jsonb;
  witnesses jsonb;
begin
  if p_request_id not in (select private.readable_correction_ids()) then
    raise exception 'Không tìm thấy đề nghị sửa điểm' using errcode = '42501';
  end if;
  select q.*, o.name as school_name, y.code as year_code, c.name as class_name, s.name as subject_name,
         pr.full_name as requester_name, pd.full_name as decided_by_name, pu.full_name as unlocked_by_name,
         pl.full_name as relocked_by_name, pf.full_name as forwarded_by_name,
         (select count(*) from public.correction_requests q2
          where q2.school_year_id = q.school_year_id and q2.submitted_at is not null
            and (q2.submitted_at, q2.id) <= (q.submitted_at, q.id)) as number
  into req
  from public.correction_requests q
  join public.org_units o on o.id = q.school_id
  join public.school_years y on y.id = q.school_year_id
  join public.classes c on c.id = q.class_id
  join public.subjects s on s.id = q.subject_id
  join public.profiles pr on pr.id = q.requested_by
  left join public.profiles pd on pd.id = q.decided_by
  left join public.profiles pu on pu.id = q.unlocked_by
  left join public.profiles pl on pl.id = q.relocked_by
  left join public.profiles pf on pf.id = q.forwarded_by
  where q.id = p_request_id;

  select coalesce(jsonb_agg(jsonb_build_object(
           'student_id', i.student_id, 'student_code', st.student_code, 'full_name', st.full_name,
           'kind', i.kind, 'seq', i.seq, 'label', private.entry_label(i.kind, i.seq),
           'recorded', private.entry_value_text(i.recorded_score, i.recorded_rating),
           'proposed', private.entry_value_text(i.proposed_score, i.proposed_rating),
           'applied_at', i.applied_at, 'audit_id', i.audit_id,
           'old_value', case when a.id is not null then private.entry_value_text((ov ->> 'score')::numeric, (ov ->> 'rating')::boolean) end,
           'new_value', case when a.id is not null then private.entry_value_text((nv ->> 'score')::numeric, (nv ->> 'rating')::boolean) end,
           'changed_at', a.occurred_at, 'changed_by', pa.full_name, 'audit_request_id', nv ->> 'correction_request_id')
         order by st.given_name, st.family_name, st.middle_name, i.kind, i.seq), '[]')
  into items
  from public.correction_items i
  join public.students st on st.id = i.student_id
  left join public.audit_log a on a.id = i.audit_id
  left join public.profiles pa on pa.id = a.actor_id
  left join lateral (select r from jsonb_array_elements(a.old_rows) r
                     where r ->> 'student_id' = i.student_id::text and r ->> 'kind' = i.kind::text and (r ->> 'seq')::int = i.seq limit 1) o (ov) on true
  left join lateral (select r from jsonb_array_elements(a.new_rows) r
                     where r ->> 'student_id' = i.student_id::text and r ->> 'kind' = i.kind::text and (r ->> 'seq')::int = i.seq limit 1) n (nv) on true
  where i.request_id = p_request_id;

  select coalesce(jsonb_agg(jsonb_build_object('profile_id', w.profile_id, 'full_name', p.full_name, 'capacity', w.capacity)
                            order by array_position(array['bgh', 'admin_board', 'inspector', 'requester', 'homeroom'], w.capacity), p.full_name), '[]')
  into witnesses
  from public.correction_witnesses w join public.profiles p on p.id = w.profile_id
  where w.request_id = p_request_id;

  return jsonb_build_object(
    'id', req.id, 'number', case when req.submitted_at is not null then req.number end, 'status', req.status,
    'school_name', req.school_name, 'school_year_code', req.year_code, 'class_name', req.class_name,
    'subject_name', req.subject_name, 'semester', req.semester, 'reason', req.reason,
    'requested_by', req.requester_name, 'submitted_at', req.submitted_at,
    'forwarded_by', req.forwarded_by_name, 'forwarded_at', req.forwarded_at,
    'decided_by', req.decided_by_name, 'decided_at', req.decided_at, 'decision_note', req.decision_note,
    'unlocked_by', req.unlocked_by_name, 'unlocked_at', req.unlocked_at, 'unlock_ends_at', req.unlock_ends_at,
    'relocked_by', req.relocked_by_name, 'relocked_at', req.relocked_at,
    'minuted_at', req.minuted_at, 'minutes_place', req.minutes_place,
    'corrected_count', (select count(*) from jsonb_array_elements(items) x where x ->> 'audit_id' is not null),
    'witnesses', witnesses, 'items', items);
end $$;
comment on function public.correction_minutes(uuid) is
  'Biên bản sửa chữa dữ liệu of one request, generated from the audit log (old and new values, who, when), with the witnesses and the decision. Readers of the request.';
revoke execute on function public.correction_minutes(uuid) from public, anon;
grant execute on function public.correction_minutes(uuid) to authenticated, service_role;

-- How many entries of a student's year were corrected, per subject (the transcript page's "sửa chữa ở
-- … chỗ, thuộc môn …"): the applied items of corrections. Security invoker: the items' RLS applies.
create view public.corrected_entries with (security_invoker = true) as
select i.student_id, q.school_year_id, q.subject_id, count(*)::int as corrected
from public.correction_items i join public.correction_requests q on q.id = i.request_id
where i.applied_at is not null
group by i.student_id, q.school_year_id, q.subject_id;
comment on view public.corrected_entries is 'Số chỗ sửa chữa: applied correction items per student, year and subject.';
grant select on public.corrected_entries to authenticated, service_role;

-- rpc/entry_history: every audited change of one gradebook cell (student, subject, year, semester,
-- kind, seq) — value before and after, who, when, and the correction request it belongs to. Security
-- invoker: the audit log's RLS decides which entries the caller reads. Cost: the GIN index on row_keys
-- per entry id the slot ever had.
create function public.entry_history(p_student_id uuid, p_subject_id uuid, p_school_year_id uuid, p_semester int,
                                     p_kind public.entry_kind, p_seq int default 1)
returns table (occurred_at timestamptz, action text, actor_name text, old_value text, new_value text,
               correction_request_id uuid, audit_id bigint)
language sql stable set search_path = ''
as $$
  with ids as (
    select distinct coalesce(r ->> 'id', '') as id
    from public.audit_log a, jsonb_array_elements(coalesce(a.new_rows, '[]') || coalesce(a.old_rows, '[]')) r
    where a.table_name = 'score_entries' and a.school_year_id = p_school_year_id and a.student_ids @> array[p_student_id]
      and r ->> 'student_id' = p_student_id::text and r ->> 'subject_id' = p_subject_id::text
      and r ->> 'kind' = p_kind::text and (r ->> 'seq')::int = p_seq
      and (r ->> 'semester')::int is not distinct from p_semester
  )
  select a.occurred_at, a.action, p.full_name,
         private.entry_value_text((o.r ->> 'score')::numeric, (o.r ->> 'rating')::boolean),
         private.entry_value_text((n.r ->> 'score')::numeric, (n.r ->> 'rating')::boolean),
         (n.r ->> 'correction_request_id')::uuid, a.id
  from public.audit_log a
  left join public.profiles p on p.id = a.actor_id
  -- (Qualified: an unqualified `r` in the second lateral would name o.r, a column, before its own table.)
  left join lateral (select e.value as r from jsonb_array_elements(a.old_rows) e where e.value ->> 'id' in (select id from ids) limit 1) o on true
  left join lateral (select e.value as r from jsonb_array_elements(a.new_rows) e where e.value ->> 'id' in (select id from ids) limit 1) n on true
  where a.table_name = 'score_entries' and a.row_keys && (select array_agg(id) from ids)
  order by a.id
$$;
comment on function public.entry_history(uuid, uuid, uuid, int, public.entry_kind, int) is
  'Lịch sử một ô điểm from the audit log (before/after, who, when, correction request). Security invoker: audit log RLS.';
revoke execute on function public.entry_history(uuid, uuid, uuid, int, public.entry_kind, int) from public, anon;
grant execute on function public.entry_history(uuid, uuid, uuid, int, public.entry_kind, int) to authenticated, service_role;
