-- The year-end export of a class to offline media (issue 19, item 5; seed 003 §II.5). IT staff export a
-- class of an ended school year: a job builds one zip — the class's records of the year as JSON (the
-- class, its subjects and teachers, its students with page 1 and guardians, exemptions, every score,
-- comment, conduct rating, absence, quality rating and measure entered in the class), every archived
-- document of the class and its students for that year (PDFs) and their signed copies, and manifest.json
-- with the SHA-256 of every entry — into the bucket `backups`. Health records are not in it (the nurse's,
-- kept apart). An export is a row of `backups` (kind class_export): it is downloaded exactly as a backup
-- is (IT staff ask, BGH approve, expiring links, each issue audited), re-hashed by the integrity check,
-- never overwritten or deleted — and never restored from. The zip is not encrypted (it is opened at the
-- school, offline, without the product's key); its download is what is guarded.

alter table public.backups drop constraint backups_kind_check;
alter table public.backups add constraint backups_kind_check check (kind in ('semester', 'year', 'on_demand', 'class_export'));
alter table public.backups add column class_id uuid references public.classes (id) on delete restrict;
alter table public.backups add constraint backups_class_export_check check ((kind = 'class_export') = (class_id is not null));
create index backups_class_idx on public.backups (class_id) where class_id is not null;
comment on column public.backups.class_id is 'A class export (kind class_export): the class exported.';

alter table public.backup_files drop constraint backup_files_kind_check;
alter table public.backup_files add constraint backup_files_kind_check check (kind in ('part', 'object', 'manifest', 'zip'));

alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check
  check (kind in ('print_class', 'print_gradebook', 'sign_prepare', 'dossier_package', 'integrity_check', 'backup', 'restore', 'class_export'));
drop policy jobs_select on public.jobs;
create policy jobs_select on public.jobs for select to authenticated
  using (created_by = (select auth.uid())
         or (kind not in ('integrity_check', 'backup', 'restore', 'class_export')
             and school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal}'))));
comment on policy jobs_select on public.jobs is 'A job''s creator, and the school''s admin board, clerk and BGH, follow its progress (checks, backups, restores and exports are read in their own tables).';

/**
 * rpc/start_class_export {p_class_id}: IT staff of the class's school export a class of an ended school
 * year. Returns {backup_id, job_id}.
 */
create function public.start_class_export(p_class_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  c record;
  b uuid := extensions.gen_random_uuid();
  job uuid;
  v_label text;
begin
  select k.id, k.name, k.school_id, k.school_year_id, y.code as year_code into c
  from public.classes k join public.school_years y on y.id = k.school_year_id where k.id = p_class_id;
  if not found or c.school_id not in (select private.my_school_ids('{it_staff}')) then
    raise exception 'Chỉ cán bộ công nghệ thông tin của trường xuất dữ liệu lớp của trường.' using errcode = '42501';
  end if;
  if not private.school_year_ended(c.school_year_id) then
    raise exception 'Năm học % chưa kết thúc: dữ liệu lớp được xuất ra thiết bị lưu trữ khi năm học đã kết thúc.', c.year_code using errcode = '55000';
  end if;
  v_label := format('Xuất dữ liệu lớp %s năm học %s', c.name, c.year_code);
  insert into public.jobs (school_id, kind, params, label, created_by, total)
  values (c.school_id, 'class_export', jsonb_build_object('backup_id', b), v_label, (select auth.uid()), 1)
  returning id into job;
  insert into public.backups (id, school_id, kind, school_year_id, class_id, label, requested_by, job_id, snapshot_at)
  values (b, c.school_id, 'class_export', c.school_year_id, c.id, v_label, (select auth.uid()), job, private.app_now());
  insert into public.job_steps (job_id, school_id, seq, params)
  values (job, c.school_id, 1, jsonb_build_object('backup_id', b, 'part', 'class_export'));
  return jsonb_build_object('backup_id', b, 'job_id', job);
end $$;
revoke execute on function public.start_class_export(uuid) from public, anon;
grant execute on function public.start_class_export(uuid) to authenticated;

/**
 * The export's data (service role), read in one statement (one snapshot): the school, the year, the class,
 * and per table the class's rows of the year; the archived documents and signed copies to put beside them.
 */
create function public.class_export_data(p_backup_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' set timezone = 'Asia/Ho_Chi_Minh' as $$
declare
  b public.backups;
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước xuất dữ liệu.' using errcode = '42501';
  end if;
  select * into b from public.backups where id = p_backup_id and kind = 'class_export';
  if not found then
    raise exception 'Không có bản xuất dữ liệu lớp với mã này.' using errcode = '22023';
  end if;
  return (
    with s as (select e.student_id from public.enrolments e where e.class_id = b.class_id),
    docs as (
      select d.id, d.kind::text as kind, d.version, d.storage_path, d.sha256, d.verification_code, d.student_id
      from public.document_versions d
      where d.school_year_id = b.school_year_id and d.storage_path is not null
        and (d.class_id = b.class_id or d.student_id in (select student_id from s))
    )
    select jsonb_build_object(
      'school', (select jsonb_build_object('id', o.id, 'code', o.code, 'name', o.name) from public.org_units o where o.id = b.school_id),
      'year', (select jsonb_build_object('id', y.id, 'code', y.code) from public.school_years y where y.id = b.school_year_id),
      'class', (select to_jsonb(k) from public.classes k where k.id = b.class_id),
      'tables', jsonb_build_object(
        'class_subjects', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.class_subjects x where x.class_id = b.class_id),
        'teaching_assignments', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.teaching_assignments x where x.class_id = b.class_id),
        'enrolments', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.enrolments x where x.class_id = b.class_id),
        'students', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.students x where x.id in (select student_id from s)),
        'student_details', (select coalesce(jsonb_agg(to_jsonb(x) order by x.student_id), '[]') from public.student_details x where x.student_id in (select student_id from s)),
        'guardians', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.guardians x where x.student_id in (select student_id from s)),
        'subject_exemptions', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.subject_exemptions x
                               where x.school_year_id = b.school_year_id and x.student_id in (select student_id from s)),
        'score_entries', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.score_entries x where x.class_id = b.class_id),
        'subject_comments', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.subject_comments x where x.class_id = b.class_id),
        'conduct_ratings', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.conduct_ratings x where x.class_id = b.class_id),
        'attendance', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.attendance x where x.class_id = b.class_id),
        'quality_ratings', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.quality_ratings x where x.class_id = b.class_id),
        'student_measures', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.student_measures x where x.class_id = b.class_id),
        'document_versions', (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]') from public.document_versions x where x.id in (select id from docs))),
      'documents', (
        select coalesce(jsonb_agg(jsonb_build_object('bucket', 'documents', 'path', d.storage_path, 'sha256', d.sha256,
                 'name', format('van-ban/%s-%s-ban-%s.pdf', d.kind, coalesce(d.student_id::text, 'lop'), d.version)) order by d.kind, d.student_id, d.version), '[]')
        from docs d)
        || (
        select coalesce(jsonb_agg(jsonb_build_object('bucket', 'signed-documents', 'path', g.storage_path, 'sha256', g.sha256,
                 'name', format('ban-ky/%s-%s-ban-%s-ky-%s-%s.pdf', d.kind, coalesce(d.student_id::text, 'lop'), d.version, g.revision, g.role)) order by d.kind, d.student_id, d.version, g.revision), '[]')
        from public.signatures g join docs d on d.id = g.document_version_id where g.storage_path is not null))
  );
end $$;
revoke execute on function public.class_export_data(uuid) from public, anon, authenticated;
grant execute on function public.class_export_data(uuid) to service_role;

/** The export's last act (service role): the zip recorded, the manifest kept, the export done. */
create function public.finish_class_export(p_backup_id uuid, p_manifest text, p_rows bigint) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if not private.is_service() then
    raise exception 'Chỉ tiến trình nền chạy bước xuất dữ liệu.' using errcode = '42501';
  end if;
  update public.backups
  set status = 'done', finished_at = private.app_now(), manifest = p_manifest::jsonb, row_count = p_rows,
      manifest_sha256 = encode(extensions.digest(convert_to(p_manifest, 'UTF8'), 'sha256'), 'hex'),
      byte_size = (select coalesce(sum(f.byte_size), 0) from public.backup_files f where f.backup_id = p_backup_id)
  where id = p_backup_id and kind = 'class_export' and status = 'running';
end $$;
revoke execute on function public.finish_class_export(uuid, text, bigint) from public, anon, authenticated;
grant execute on function public.finish_class_export(uuid, text, bigint) to service_role;

-- A class export's job that fails for good is a failed export.
create or replace function private.close_failed_backup() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b uuid;
begin
  if new.status = 'failed' and old.status is distinct from 'failed' then
    if new.kind in ('backup', 'class_export') then
      update public.backups set status = 'failed', finished_at = private.app_now() where job_id = new.id and status = 'running'
      returning id into b;
      delete from private.backup_rows where backup_id = b;
      delete from private.backup_objects where backup_id = b;
    elsif new.kind = 'restore' then
      perform private.drop_restore_schema(r.id) from public.restore_requests r where r.job_id = new.id;
      update public.restore_requests set status = 'failed' where job_id = new.id and status in ('approved', 'checked');
    end if;
  end if;
  return new;
end $$;

-- An export is never restored from: request_restore as in 20261205020000, refusing one.
create or replace function public.request_restore(p_backup_id uuid, p_reason text) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  b public.backups;
  id uuid;
begin
  select * into b from public.backups x where x.id = p_backup_id;
  if not found or b.school_id not in (select private.my_school_ids('{it_staff}')) then
    raise exception 'Chỉ cán bộ công nghệ thông tin của trường đề nghị khôi phục dữ liệu của trường.' using errcode = '42501';
  end if;
  if b.kind = 'class_export' then
    raise exception 'Bản xuất dữ liệu lớp dùng để lưu ra thiết bị ngoài, không dùng để khôi phục; hãy chọn một bản sao lưu của trường.' using errcode = '22023';
  end if;
  if b.status <> 'done' then
    raise exception 'Bản sao lưu này chưa hoàn tất: không khôi phục từ bản này được.' using errcode = '55000';
  end if;
  if length(btrim(coalesce(p_reason, ''))) < 10 then
    raise exception 'Hãy ghi rõ lý do khôi phục (ít nhất 10 kí tự): Hiệu trưởng quyết định theo lý do này.' using errcode = '22023';
  end if;
  perform 1 from public.org_units o where o.id = b.school_id for update;
  if exists (select 1 from public.restore_requests r where r.school_id = b.school_id and r.status in ('requested', 'approved', 'checked')) then
    raise exception 'Trường đang có một đề nghị khôi phục chưa xong; hãy chờ quyết định hoặc kết quả của đề nghị đó.' using errcode = '55000';
  end if;
  insert into public.restore_requests (backup_id, school_id, requested_by, reason)
  values (b.id, b.school_id, (select auth.uid()), btrim(p_reason)) returning restore_requests.id into id;
  return id;
end $$;
