-- The results workflow on the product's clock. rpc/advance_results stamped proposed_at, approved_at and
-- published_at with the real clock, and its tables' created_at defaulted to it: on the pinned "today" of the
-- demo and the tests (23/11/2026) a parent read "Công bố ngày 05/12/2026" — a day that has not come. The
-- brief: the demo and tests use the one pinned today; only security expiry reads the real clock. The stamps
-- now read private.app_now() (the app's today at Vietnam's time of day now; the real clock where nothing is
-- pinned), as the dossier workflow does. The function is otherwise 20261122003202's, unchanged.

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
    update public.result_publications p set status = 'proposed', proposed_by = caller, proposed_at = private.app_now(),
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
    update public.result_publications p set status = 'approved', approved_by = caller, approved_at = private.app_now()
    where p.id = pub.id returning * into pub;
  else
    update public.result_publications p set status = 'published', published_by = caller, published_at = private.app_now()
    where p.id = pub.id returning * into pub;
  end if;
  insert into public.result_publication_events (publication_id, school_id, school_year_id, action, actor_id, note)
  values (pub.id, pub.school_id, pub.school_year_id, p_action, caller, nullif(trim(p_note), ''));
  return pub;
end $$;

alter table public.result_publications alter column created_at set default private.app_now();
alter table public.result_publication_events alter column created_at set default private.app_now();
