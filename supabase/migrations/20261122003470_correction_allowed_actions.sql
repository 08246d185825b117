-- The correction procedure's "who may take which step now" was written twice: in rpc/advance_correction
-- and again in the admin (correctionModel.availableTransitions), which decided the buttons. The checks
-- now live once, in private.correction_step_refusal, which advance_correction raises from and which the
-- computed field correction_requests.allowed_actions (PostgREST: `select=*,allowed_actions`) lists for
-- the caller, so the admin shows exactly the steps the database would take.
--
-- What allowed_actions does not include: what a step needs besides the caller and the state (a submit's
-- items, evidence and frozen sheet; an unlock's end time and witnesses; a rejection's note). Those are the
-- step's input, checked when it is taken, with a message that says what is missing.

-- Why `p_caller` may not move `p_req` to `p_to` now: the refusal's SQLSTATE and message, both null when
-- the step is allowed. The machine's edge first (PT409), then the role that owns the step (42501), as
-- advance_correction has always answered. No caller (service role, anon) takes no step.
-- Cost: at most two index scans of the caller's memberships.
create function private.correction_step_refusal(p_req public.correction_requests, p_caller uuid, p_to public.correction_status,
                                                out code text, out message text)
language plpgsql stable security definer set search_path = ''
as $$ begin
  if not private.correction_edge_allowed(p_req.status, p_to) then
    code := 'PT409';
    message := format('Không thể chuyển đề nghị sửa điểm từ "%s" sang "%s"', private.status_label(p_req.status), private.status_label(p_to));
  elsif p_to in ('submitted', 'withdrawn') then
    if p_req.requested_by is distinct from p_caller then
      code := '42501';
      message := 'Chỉ người đề nghị mới gửi hoặc rút đề nghị này';
    end if;
  elsif p_to in ('forwarded', 'unlocked', 'relocked', 'minuted') then
    if p_caller is null or not private.holds_role(p_caller, p_req.school_year_id, '{admin_board}') then
      code := '42501';
      message := format('Chỉ Ban quản trị của năm học này thực hiện bước "%s"', private.status_label(p_to));
    end if;
  elsif p_to in ('approved', 'rejected') then
    if p_caller is null or not private.holds_role(p_caller, p_req.school_year_id, '{principal,vice_principal}') then
      code := '42501';
      message := 'Chỉ Hiệu trưởng (hoặc Phó hiệu trưởng được uỷ quyền) duyệt đề nghị sửa điểm';
    elsif p_caller = p_req.requested_by then
      code := '42501';
      message := 'Người đề nghị không được tự duyệt đề nghị sửa điểm của mình';
    end if;
  else
    code := 'PT409';
    message := format('Bước "%s" không được thực hiện trực tiếp', private.status_label(p_to));
  end if;
end $$;
comment on function private.correction_step_refusal(public.correction_requests, uuid, public.correction_status) is
  'Why a caller may not take a step of a correction request now (SQLSTATE and message), null when allowed: the edge, then the role that owns the step. The one rule behind advance_correction and allowed_actions.';
revoke execute on function private.correction_step_refusal(public.correction_requests, uuid, public.correction_status) from public, anon;
grant execute on function private.correction_step_refusal(public.correction_requests, uuid, public.correction_status) to authenticated, service_role;

-- correction_requests.allowed_actions: the statuses the signed-in caller may move this request to now
-- (in the machine's order), as rpc/advance_correction would accept them; `{}` when none. Any reader of the
-- row (RLS decides the rows). Cost: nine calls of the refusal above per row.
create function public.allowed_actions(q public.correction_requests) returns public.correction_status[]
language sql stable set search_path = ''
as $$
  select coalesce(array_agg(s order by s), '{}')
  from unnest(enum_range(null::public.correction_status)) s
  where (private.correction_step_refusal(q, (select auth.uid()), s)).code is null
$$;
comment on function public.allowed_actions(public.correction_requests) is
  'Bước tiếp theo: the statuses the caller may move this correction request to now (the checks of rpc/advance_correction), {} when none.';
revoke execute on function public.allowed_actions(public.correction_requests) from public, anon;
grant execute on function public.allowed_actions(public.correction_requests) to authenticated, service_role;

-- rpc/advance_correction: as 20261122002201, its checks from private.correction_step_refusal.
create or replace function public.advance_correction(p_request_id uuid, p_to public.correction_status, p_note text default null,
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
  refusal record;
begin
  select * into req from public.correction_requests q where q.id = p_request_id for update;
  if not found or req.id not in (select private.readable_correction_ids()) then
    raise exception 'Không tìm thấy đề nghị sửa điểm' using errcode = '42501';
  end if;
  refusal := private.correction_step_refusal(req, caller, p_to);
  if refusal.code is not null then
    raise exception '%', refusal.message using errcode = refusal.code;
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
  'One transition of a correction request by the role that owns it (teacher submits/withdraws, admin board forwards/unlocks/relocks/minutes, principal or vice principal approves/rejects, never their own); the checks of private.correction_step_refusal, listed for the caller by correction_requests.allowed_actions. Refuses other moves.';
