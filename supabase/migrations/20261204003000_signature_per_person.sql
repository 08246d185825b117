-- One signature per person per file (issue 15): a homeroom teacher who also teaches subjects of the class
-- signs those subjects with the class, and a teacher of two subjects of a class signs both at once — one
-- signature whose revision carries every slot of theirs (the other slots as stamps of the same appearance).
-- A certificate repeated in a later signature of the same file is what poppler 22.12's pdfsig cannot check
-- (it compares it with a freed copy of the first: SEC_ERROR_REUSED_ISSUER_AND_SERIAL, printed "Unknown issue
-- with Certificate or corrupted data"), and one approval per person and file is what a signer expects
-- anyway. The signature rows stay one per role: the rows of one signature share a revision (and a stored
-- file) and are inserted together in one statement.

alter table public.signatures drop constraint signatures_document_version_id_revision_key;
alter table public.signatures drop constraint signatures_storage_path_key;
create index signatures_version_revision_idx on public.signatures (document_version_id, revision);
create index signatures_storage_path_idx on public.signatures (storage_path);
comment on table public.signatures is
  'One row per role signed on an archived version''s file, in order: revision n is the file after the n-th signature (incremental update); the rows of one signature (a homeroom teacher''s own subjects with the class) share its revision and file.';

-- The subjects of a class its homeroom teacher teaches (signed with the homeroom signature).
create function private.homeroom_subjects(p_class_id uuid) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select x from private.signed_subjects(p_class_id) x
  where exists (select 1 from public.teaching_assignments a join public.classes k on k.id = a.class_id
                where a.class_id = p_class_id and a.subject_id = x and a.teacher_id = k.homeroom_teacher_id and a.ended_at is null)
$$;
revoke execute on function private.homeroom_subjects(uuid) from public, anon;
grant execute on function private.homeroom_subjects(uuid) to authenticated, service_role;

-- The subjects a homeroom batch signs with each file: recorded when the file is prepared (its stamps).
alter table public.signing_batch_items add column also_subject_ids uuid[] not null default '{}';

create or replace function private.check_signature() returns trigger
language plpgsql set search_path = '' as $$
declare
  v public.document_versions;
  w public.signing_windows;
  cert public.certificates;
  k public.classes;
  pending text[];
  last integer;
begin
  select * into v from public.document_versions where id = new.document_version_id for update;
  if v.kind <> 'transcript_year' or v.status <> 'current' then
    raise exception 'Chỉ ký được phiên bản hiện hành của học bạ năm học.' using errcode = '22023';
  end if;
  select * into k from public.classes where id = new.class_id;
  if not exists (select 1 from public.enrolments e where e.class_id = k.id and e.student_id = v.student_id and e.school_year_id = v.school_year_id) then
    raise exception 'Học bạ này không thuộc lớp được ký.' using errcode = '22023';
  end if;
  new.school_id := v.school_id;
  select coalesce(max(s.revision), 0) into last from public.signatures s where s.document_version_id = v.id;
  -- The next revision; or the same one as another role of the same signature (same signer, batch and file).
  if new.revision <> last + 1 and not (
       new.revision = last and exists (select 1 from public.signatures s where s.document_version_id = v.id and s.revision = last
                                         and s.profile_id = new.profile_id and s.batch_id = new.batch_id
                                         and s.storage_path = new.storage_path and s.sha256 = new.sha256)) then
    raise exception 'Tệp đã có chữ ký mới hơn; chữ ký được tính lại trên bản mới nhất.' using errcode = '55000';
  end if;
  select * into w from public.signing_windows where class_id = new.class_id;
  if not found or public.app_today() not between w.opens_on and w.closes_on then
    raise exception 'Ngoài thời hạn ký số của lớp.' using errcode = '22023';
  end if;
  select * into cert from public.certificates where id = new.certificate_id;
  if cert.status <> 'active' or now() not between cert.not_before and cert.not_after then
    raise exception 'Chứng thư số đã bị thu hồi hoặc hết hạn: không ký được.' using errcode = '22023';
  end if;
  if (new.role = 'organisation') <> (cert.kind = 'organisation')
     or (cert.kind = 'person' and cert.profile_id <> new.profile_id)
     or (cert.kind = 'organisation' and cert.school_id <> v.school_id) then
    raise exception 'Chứng thư số không phải của người ký.' using errcode = '42501';
  end if;
  if not private.may_sign_as(new.profile_id, new.class_id, new.role, new.subject_id) then
    raise exception 'Người này không ký học bạ của lớp với vai trò này.' using errcode = '42501';
  end if;
  if new.role = 'subject' and new.profile_id = k.homeroom_teacher_id
     and not exists (select 1 from public.signing_batches b where b.id = new.batch_id and b.role = 'homeroom') then
    raise exception 'Giáo viên chủ nhiệm ký môn mình dạy cùng một lần với chữ ký giáo viên chủ nhiệm của lớp.' using errcode = '22023';
  end if;
  pending := private.pending_before(v.id, new.class_id, new.role);
  if cardinality(pending) > 0 then
    raise exception 'Chưa đến lượt ký: còn chờ %.', array_to_string(pending, ', ') using errcode = '22023';
  end if;
  return new;
end $$;

-- Before the homeroom teacher (where the school wants them after the teachers): every subject but their own.
create or replace function private.pending_before(p_version_id uuid, p_class_id uuid, p_role public.signer_role) returns text[]
language sql stable security definer set search_path = '' as $$
  with signed as (select s.role, s.subject_id from public.signatures s where s.document_version_id = p_version_id),
  needed as (
    select 'subject'::public.signer_role as role, sub.id as subject_id,
           'môn ' || sub.name || coalesce(' (' || (select string_agg(distinct private.profile_name(a.teacher_id), ', ')
                                                   from public.teaching_assignments a
                                                   where a.class_id = p_class_id and a.subject_id = sub.id and a.ended_at is null) || ')', ' (chưa phân công)') as label,
           sub.sort_order as ord
    from private.signed_subjects(p_class_id) x join public.subjects sub on sub.id = x
    where p_role in ('principal', 'organisation')
       or (p_role = 'homeroom' and coalesce((select w.homeroom_after_teachers from public.signing_windows w where w.class_id = p_class_id), false)
           and x not in (select private.homeroom_subjects(p_class_id)))
    union all
    select 'homeroom', null, 'giáo viên chủ nhiệm' || coalesce(' (' || (select private.profile_name(k.homeroom_teacher_id) from public.classes k where k.id = p_class_id) || ')', ''), 1000
    where p_role in ('principal', 'organisation')
    union all
    select 'principal', null, 'hiệu trưởng', 1001 where p_role = 'organisation'
  )
  select coalesce(array_agg(n.label order by n.ord), '{}') from needed n
  where not exists (select 1 from signed s where s.role = n.role and s.subject_id is not distinct from n.subject_id)
$$;

-- A homeroom teacher's own subjects are signed with the class: no separate subject batch.
create or replace function public.start_signing_batch(p_class_id uuid, p_role public.signer_role, p_subject_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me constant uuid := (select auth.uid());
  k record;
  w public.signing_windows;
  cert public.certificates;
  open_batch public.signing_batches;
  missing integer;
  pending text[];
  subject_name text;
  batch uuid;
  job uuid;
  n integer;
  per_step constant integer := 8;
begin
  select c.id, c.name, c.school_id, c.school_year_id, y.code into k
  from public.classes c join public.school_years y on y.id = c.school_year_id where c.id = p_class_id;
  if not found or me is null or not private.may_sign_as(me, p_class_id, p_role, p_subject_id) then
    raise exception 'Bạn không ký học bạ của lớp này với vai trò này.' using errcode = '42501';
  end if;
  select s.name into subject_name from public.subjects s where s.id = p_subject_id;
  if p_role = 'subject' and p_subject_id in (select private.homeroom_subjects(p_class_id))
     and me = (select c.homeroom_teacher_id from public.classes c where c.id = p_class_id) then
    raise exception 'Bạn là giáo viên chủ nhiệm lớp %: môn % được ký cùng một lần với chữ ký giáo viên chủ nhiệm (mục "Giáo viên chủ nhiệm" trong hộp ký).', k.name, subject_name using errcode = '22023';
  end if;
  select * into w from public.signing_windows where class_id = p_class_id;
  if not found then
    raise exception 'Hiệu trưởng chưa mở thời hạn ký số của lớp %.', k.name using errcode = '22023';
  end if;
  if public.app_today() < w.opens_on or public.app_today() > w.closes_on then
    raise exception 'Ngoài thời hạn ký số của lớp % (từ % đến %).', k.name, to_char(w.opens_on, 'DD/MM/YYYY'), to_char(w.closes_on, 'DD/MM/YYYY') using errcode = '22023';
  end if;
  select * into cert from public.certificates c
  where c.status = 'active' and now() between c.not_before and c.not_after
    and case when p_role = 'organisation' then c.kind = 'organisation' and c.school_id = k.school_id
             else c.kind = 'person' and c.profile_id = me end;
  if not found then
    raise exception '%', case when p_role = 'organisation' then 'Trường chưa có chứng thư số tổ chức đang hiệu lực: đề nghị Ban quản trị cấp.'
                              else 'Bạn chưa có chứng thư số đang hiệu lực: đề nghị Ban quản trị cấp.' end using errcode = '22023';
  end if;
  select * into open_batch from public.signing_batches b
  where b.class_id = p_class_id and b.role = p_role and b.subject_id is not distinct from p_subject_id and b.profile_id = me
    and b.status in ('preparing', 'awaiting_approval');
  if found then
    return jsonb_build_object('batch_id', open_batch.id, 'job_id', open_batch.job_id, 'total', open_batch.total, 'label', open_batch.label, 'status', open_batch.status);
  end if;
  select count(*) into missing from private.class_year_files(p_class_id) f where f.version_id is null;
  if missing > 0 then
    raise exception 'Còn % học sinh của lớp % chưa có học bạ năm học được in lưu trữ: văn thư in lưu trữ học bạ của lớp trước khi ký.', missing, k.name using errcode = '22023';
  end if;
  -- The earlier signers, over every file of the class (one sentence naming them).
  select array_agg(distinct p order by p) into pending
  from private.class_year_files(p_class_id) f, unnest(private.pending_before(f.version_id, p_class_id, p_role)) p;
  if cardinality(pending) > 0 then
    raise exception 'Chưa đến lượt ký: còn chờ %.', array_to_string(pending, ', ') using errcode = '22023';
  end if;

  insert into public.signing_batches (school_id, school_year_id, class_id, role, subject_id, profile_id, certificate_id, label)
  values (k.school_id, k.school_year_id, p_class_id, p_role, p_subject_id, me, cert.id,
          'Ký học bạ lớp ' || k.name || ' năm học ' || k.code || ' – ' ||
          case p_role when 'subject' then 'môn ' || subject_name when 'homeroom' then 'giáo viên chủ nhiệm'
                      when 'principal' then 'hiệu trưởng' else 'chữ ký số của trường' end)
  returning id into batch;
  insert into public.signing_batch_items (batch_id, document_version_id, school_id, seq)
  select batch, f.version_id, k.school_id, f.seq from private.class_year_files(p_class_id) f
  where not exists (select 1 from public.signatures s where s.document_version_id = f.version_id and s.role = p_role
                      and s.subject_id is not distinct from p_subject_id);
  get diagnostics n = row_count;
  if n = 0 then
    raise exception 'Bạn đã ký tất cả học bạ của lớp % với vai trò này.', k.name using errcode = '22023';
  end if;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (k.school_id, 'sign_prepare', jsonb_build_object('batch_id', batch), 'Chuẩn bị ký ' || n || ' học bạ lớp ' || k.name, me, ceil(n::numeric / per_step))
  returning id into job;
  insert into public.job_steps (job_id, school_id, seq, params)
  select job, k.school_id, g, jsonb_build_object('batch_id', batch, 'from', (g - 1) * per_step + 1, 'to', g * per_step)
  from generate_series(1, ceil(n::numeric / per_step)::int) g;
  update public.signing_batches set total = n, job_id = job where id = batch;
  -- The items' order (seq) is the class list; renumber them 1..n for the steps' ranges.
  update public.signing_batch_items i set seq = r.rn
  from (select document_version_id, row_number() over (order by seq) as rn from public.signing_batch_items where batch_id = batch) r
  where i.batch_id = batch and i.document_version_id = r.document_version_id;
  return jsonb_build_object('batch_id', batch, 'job_id', job, 'total', n, 'label',
                            (select b.label from public.signing_batches b where b.id = batch), 'status', 'preparing');
end $$;

-- The homeroom item names the subjects it signs too; those subjects are not separate items.
create or replace function public.my_signing_inbox() returns jsonb
language sql stable security definer set search_path = '' as $$
  with me as (select (select auth.uid()) as id),
  roles as (
    select w.class_id, 'subject'::public.signer_role as role, a.subject_id
    from public.signing_windows w join public.teaching_assignments a on a.class_id = w.class_id and a.ended_at is null
    , me where a.teacher_id = me.id and a.subject_id in (select private.signed_subjects(w.class_id))
      and not (a.subject_id in (select private.homeroom_subjects(w.class_id))
               and me.id = (select k.homeroom_teacher_id from public.classes k where k.id = w.class_id))
    union
    select w.class_id, 'homeroom', null from public.signing_windows w join public.classes k on k.id = w.class_id, me where k.homeroom_teacher_id = me.id
    union
    select w.class_id, r.role, null from public.signing_windows w, me, (values ('principal'::public.signer_role), ('organisation')) r (role)
    where private.may_sign_as(me.id, w.class_id, r.role, null)
  ),
  items as (
    select r.class_id, r.role, r.subject_id, k.name as class_name, y.code as year_code, w.opens_on, w.closes_on,
           (select s.name from public.subjects s where s.id = r.subject_id) as subject_name,
           case when r.role = 'homeroom' then (select array_agg(s.name order by s.sort_order) from public.subjects s
                                               where s.id in (select private.homeroom_subjects(r.class_id))) end as also_subjects,
           (select count(*) from private.class_year_files(r.class_id) f
            where f.version_id is not null and not exists (select 1 from public.signatures s where s.document_version_id = f.version_id
                                                             and s.role = r.role and s.subject_id is not distinct from r.subject_id))::int as unsigned,
           (select count(*) from private.class_year_files(r.class_id))::int as files,
           (select array_agg(distinct p) from private.class_year_files(r.class_id) f, unnest(private.pending_before(f.version_id, r.class_id, r.role)) p
            where f.version_id is not null) as pending
    from roles r join public.signing_windows w on w.class_id = r.class_id
    join public.classes k on k.id = r.class_id join public.school_years y on y.id = k.school_year_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'class_id', class_id, 'class_name', class_name, 'year_code', year_code, 'role', role, 'subject_id', subject_id,
    'subject_name', subject_name, 'also_subjects', coalesce(also_subjects, '{}'), 'opens_on', opens_on, 'closes_on', closes_on, 'files', files, 'unsigned', unsigned,
    'pending', coalesce(pending, '{}'), 'open', public.app_today() between opens_on and closes_on
  ) order by closes_on, class_name, role, subject_name), '[]')
  from items where unsigned > 0
$$;
