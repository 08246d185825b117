-- The class gradebook of a year is signed the same way as the transcripts (issue 15): its subject teachers
-- their subject's part (the slot on the subject's last sheet), the GVCN and the principal on the summary,
-- the school's signature last. The book is one file (its archived version, kind class_gradebook); a batch
-- names the document it signs ('transcripts': the class's year files, 'gradebook': the book), the inbox
-- and the board list both, the same window and order rules apply. check_signature, start_signing_batch and
-- my_signing_inbox are redefined here with the one-signature-per-person rules of 20261204003000 too.

alter table public.signing_batches add column document text not null default 'transcripts' check (document in ('transcripts', 'gradebook'));
drop index public.signing_batches_one_open;
create unique index signing_batches_one_open on public.signing_batches (class_id, document, role, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid), profile_id)
  where status in ('preparing', 'awaiting_approval');

/** The files a class signs as `p_document`: each student's current year file, or the current book (null: not archived). */
create function private.class_files(p_class_id uuid, p_document text) returns table (version_id uuid, seq integer)
language sql stable security definer set search_path = '' as $$
  select f.version_id, f.seq from private.class_year_files(p_class_id) f where p_document = 'transcripts'
  union all
  select (select v.id from public.document_versions v where v.unit_key = 'class_gradebook:' || p_class_id and v.status = 'current'), 1
  where p_document = 'gradebook'
$$;
revoke execute on function private.class_files(uuid, text) from public, anon;
grant execute on function private.class_files(uuid, text) to authenticated, service_role;

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
  if v.kind not in ('transcript_year', 'class_gradebook') or v.status <> 'current' then
    raise exception 'Chỉ ký được phiên bản hiện hành của học bạ năm học hoặc sổ theo dõi của lớp.' using errcode = '22023';
  end if;
  select * into k from public.classes where id = new.class_id;
  if (v.kind = 'transcript_year' and not exists (select 1 from public.enrolments e where e.class_id = k.id and e.student_id = v.student_id and e.school_year_id = v.school_year_id))
     or (v.kind = 'class_gradebook' and v.class_id is distinct from k.id) then
    raise exception 'Văn bản này không thuộc lớp được ký.' using errcode = '22023';
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

drop function public.start_signing_batch(uuid, public.signer_role, uuid);
create function public.start_signing_batch(p_class_id uuid, p_role public.signer_role, p_subject_id uuid default null, p_document text default 'transcripts') returns jsonb
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
  if p_document not in ('transcripts', 'gradebook') then
    raise exception 'Văn bản ký không hợp lệ (transcripts, gradebook).' using errcode = '22023';
  end if;
  select * into open_batch from public.signing_batches b
  where b.class_id = p_class_id and b.role = p_role and b.subject_id is not distinct from p_subject_id and b.profile_id = me
    and b.document = p_document and b.status in ('preparing', 'awaiting_approval');
  if found then
    return jsonb_build_object('batch_id', open_batch.id, 'job_id', open_batch.job_id, 'total', open_batch.total, 'label', open_batch.label, 'status', open_batch.status);
  end if;
  select count(*) into missing from private.class_files(p_class_id, p_document) f where f.version_id is null;
  if missing > 0 and p_document = 'gradebook' then
    raise exception 'Sổ theo dõi và đánh giá của lớp % chưa được in lưu trữ: in cả sổ (In ấn và lưu trữ → Sổ theo dõi lớp) trước khi ký.', k.name using errcode = '22023';
  elsif missing > 0 then
    raise exception 'Còn % học sinh của lớp % chưa có học bạ năm học được in lưu trữ: văn thư in lưu trữ học bạ của lớp trước khi ký.', missing, k.name using errcode = '22023';
  end if;
  -- The earlier signers, over every file of the class (one sentence naming them).
  select array_agg(distinct p order by p) into pending
  from private.class_files(p_class_id, p_document) f, unnest(private.pending_before(f.version_id, p_class_id, p_role)) p;
  if cardinality(pending) > 0 then
    raise exception 'Chưa đến lượt ký: còn chờ %.', array_to_string(pending, ', ') using errcode = '22023';
  end if;

  insert into public.signing_batches (school_id, school_year_id, class_id, role, subject_id, profile_id, certificate_id, document, label)
  values (k.school_id, k.school_year_id, p_class_id, p_role, p_subject_id, me, cert.id, p_document,
          case p_document when 'gradebook' then 'Ký sổ theo dõi và đánh giá lớp ' else 'Ký học bạ lớp ' end || k.name || ' năm học ' || k.code || ' – ' ||
          case p_role when 'subject' then 'môn ' || subject_name when 'homeroom' then 'giáo viên chủ nhiệm'
                      when 'principal' then 'hiệu trưởng' else 'chữ ký số của trường' end)
  returning id into batch;
  insert into public.signing_batch_items (batch_id, document_version_id, school_id, seq)
  select batch, f.version_id, k.school_id, f.seq from private.class_files(p_class_id, p_document) f
  where not exists (select 1 from public.signatures s where s.document_version_id = f.version_id and s.role = p_role
                      and s.subject_id is not distinct from p_subject_id);
  get diagnostics n = row_count;
  if n = 0 then
    raise exception 'Bạn đã ký % của lớp % với vai trò này.', case p_document when 'gradebook' then 'sổ theo dõi và đánh giá' else 'tất cả học bạ' end, k.name using errcode = '22023';
  end if;
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (k.school_id, 'sign_prepare', jsonb_build_object('batch_id', batch),
          case p_document when 'gradebook' then 'Chuẩn bị ký sổ theo dõi lớp ' || k.name else 'Chuẩn bị ký ' || n || ' học bạ lớp ' || k.name end, me, ceil(n::numeric / per_step))
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
revoke execute on function public.start_signing_batch(uuid, public.signer_role, uuid, text) from public, anon;
grant execute on function public.start_signing_batch(uuid, public.signer_role, uuid, text) to authenticated;

-- The inbox: per class, document and role.
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
    select r.class_id, r.role, r.subject_id, d.document, k.name as class_name, y.code as year_code, w.opens_on, w.closes_on,
           (select s.name from public.subjects s where s.id = r.subject_id) as subject_name,
           case when r.role = 'homeroom' then (select array_agg(s.name order by s.sort_order) from public.subjects s
                                               where s.id in (select private.homeroom_subjects(r.class_id))) end as also_subjects,
           (select count(*) from private.class_files(r.class_id, d.document) f
            where f.version_id is not null and not exists (select 1 from public.signatures s where s.document_version_id = f.version_id
                                                             and s.role = r.role and s.subject_id is not distinct from r.subject_id))::int as unsigned,
           (select count(*) from private.class_files(r.class_id, d.document))::int as files,
           (select array_agg(distinct p) from private.class_files(r.class_id, d.document) f, unnest(private.pending_before(f.version_id, r.class_id, r.role)) p
            where f.version_id is not null) as pending
    from roles r cross join (values ('transcripts'), ('gradebook')) d (document)
    join public.signing_windows w on w.class_id = r.class_id
    join public.classes k on k.id = r.class_id join public.school_years y on y.id = k.school_year_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'class_id', class_id, 'document', document, 'class_name', class_name, 'year_code', year_code, 'role', role, 'subject_id', subject_id,
    'subject_name', subject_name, 'also_subjects', coalesce(also_subjects, '{}'), 'opens_on', opens_on, 'closes_on', closes_on, 'files', files, 'unsigned', unsigned,
    'pending', coalesce(pending, '{}'), 'open', public.app_today() between opens_on and closes_on
  ) order by closes_on, class_name, document desc, role, subject_name), '[]')
  from items where unsigned > 0
$$;

drop function public.class_signature_board(uuid);
create function public.class_signature_board(p_class_id uuid, p_document text default 'transcripts') returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  k public.classes;
begin
  select * into k from public.classes where id = p_class_id;
  if not found or not (k.school_id in (select private.my_school_ids(private.school_staff_roles()))) then
    raise exception 'Bạn không xem được tình trạng ký số của lớp này.' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'class_id', k.id, 'class_name', k.name, 'document', p_document,
    'window', (select jsonb_build_object('opens_on', w.opens_on, 'closes_on', w.closes_on, 'homeroom_after_teachers', w.homeroom_after_teachers)
               from public.signing_windows w where w.class_id = k.id),
    'files', (select count(*) from private.class_files(k.id, p_document)),
    'archived', (select count(*) from private.class_files(k.id, p_document) f where f.version_id is not null),
    'signers', (
      with signers as (
        select 'subject'::public.signer_role as role, sub.id as subject_id, sub.name as label, sub.sort_order as ord,
               (select string_agg(distinct private.profile_name(a.teacher_id), ', ') from public.teaching_assignments a
                where a.class_id = k.id and a.subject_id = sub.id and a.ended_at is null) as people
        from private.signed_subjects(k.id) x join public.subjects sub on sub.id = x
        union all select 'homeroom', null, 'Giáo viên chủ nhiệm', 1000, private.profile_name(k.homeroom_teacher_id)
        union all select 'principal', null, 'Hiệu trưởng', 1001, private.principal_name(k.school_year_id)
        union all select 'organisation', null, 'Chữ ký số của trường', 1002, (select o.name from public.org_units o where o.id = k.school_id)
      )
      select jsonb_agg(jsonb_build_object(
        'role', s.role, 'subject_id', s.subject_id, 'label', s.label, 'people', s.people,
        'signed', (select count(*) from public.signatures g join private.class_files(k.id, p_document) f on f.version_id = g.document_version_id
                   where g.role = s.role and g.subject_id is not distinct from s.subject_id),
        'last_signed_at', (select max(g.signed_at) from public.signatures g join private.class_files(k.id, p_document) f on f.version_id = g.document_version_id
                           where g.role = s.role and g.subject_id is not distinct from s.subject_id)
      ) order by s.ord, s.label) from signers s));
end $$;
revoke execute on function public.class_signature_board(uuid, text) from public, anon;
grant execute on function public.class_signature_board(uuid, text) to authenticated;

-- The public lookup of a code also knows the signed revisions of the version (their hashes are not secret:
-- anyone holding the file has them), so a signed file compares as what it is rather than "changed".
create or replace function public.verify_document(p_code text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  headers jsonb := coalesce(nullif(current_setting('request.headers', true), ''), '{}')::jsonb;
  who text := coalesce(nullif(split_part(headers ->> 'x-forwarded-for', ',', 1), ''), headers ->> 'x-real-ip', 'unknown');
  wanted text := upper(regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g'));
  n integer;
  v record;
begin
  insert into private.verify_attempts as a (client, minute) values (trim(who), date_trunc('minute', now()))
  on conflict (client, minute) do update set attempts = a.attempts + 1
  returning attempts into n;
  if n > 20 then
    raise exception 'Bạn tra cứu quá nhiều lần, vui lòng thử lại sau một phút.' using errcode = 'PT429';
  end if;
  if random() < 0.01 then
    delete from private.verify_attempts where minute < now() - interval '1 day';
  end if;
  select d.id, d.kind, d.version, d.status, d.issued_on, d.sha256, o.name as school_name, y.code as school_year_code,
         private.initials(s.full_name) as initials, extract(year from s.birth_date)::int as birth_year
  into v
  from public.document_versions d
  join public.org_units o on o.id = d.school_id
  left join public.school_years y on y.id = d.school_year_id
  left join public.students s on s.id = d.student_id
  where d.verification_code = wanted;
  if not found then
    return null;
  end if;
  return jsonb_build_object('kind', v.kind, 'version', v.version, 'status', v.status, 'issued_on', v.issued_on,
    'sha256', v.sha256, 'school_name', v.school_name, 'school_year_code', v.school_year_code,
    'student_initials', v.initials, 'birth_year', v.birth_year,
    'signed', (select coalesce(jsonb_agg(distinct jsonb_build_object('revision', g.revision, 'sha256', g.sha256)), '[]')
               from public.signatures g where g.document_version_id = v.id));
end $$;
