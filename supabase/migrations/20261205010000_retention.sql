-- Retention (issue 19, item 4): nothing that holds a student's records can be hard-deleted through any API
-- while its retention runs. Seed 004 Điều 8 keeps transcript data at least 5 years after the student leaves;
-- seed 001 Điều 9 keeps the học bạ and the year's records for good; health records follow
-- health_settings.retention_years. Until a purge exists, "while its retention runs" means always.
--
-- What could delete such records before this migration (the inventory of the issue):
--  G1  the nurse deleted any health condition, allergy, vaccination, screening or clinic visit of the school,
--      any year, students who had left included (policy <t>_delete of 20261204007000);
--  G2  student measures (TT27 page 1, the nurse's vitals) stayed deletable in ended years;
--  G3  gradebook rows (scores, comments, conduct, attendance, qualities) of an ended year that was never
--      locked, or was reopened by an unlock, stayed deletable by the year's teacher or GVCN, directly or by
--      clearing a cell in a save RPC;
--  G4  the service key (every edge function holds it) could delete students, their page-1 details,
--      guardians, enrolments, exemptions and every health table;
--  G5  the admin board deleted memberships of ended years (who taught and who was GVCN that year);
--  G6  the public certificates and CRLs (bucket pki) were deletable, and an archived signed học bạ needs
--      them to verify for decades.
-- Already refused before (unchanged): audit, locks and decisions, corrections, publications, inspections,
-- document versions, copies, signatures, certificates, every dossier table, the archive buckets.
--
-- "Through an API" is decided in the database, so an RPC (security definer) cannot get round it: the
-- request came through PostgREST (session user `authenticator`, also inside a security definer function,
-- and on a hosted project too) or runs as an API role (anon, authenticated, service_role; the Storage API
-- switches to them). The database owner's own connection (migrations, the seed, a DBA's purge once
-- retention has run) is not an API.
--
-- Two rules, one trigger (before delete per row, before truncate per statement):
--  'always'    the row is refused: a student's identity and page-1 data, guardians, enrolments,
--              exemptions, the health book and everything in it, notices and the book's access log. A wrong
--              value is corrected (audited), a condition is set inactive; nothing is removed.
--  'open_year' the row is refused once its school year has ended (the pinned today): the gradebook rows
--              and measures — clearing a mistyped cell of the current, unfrozen year stays possible (the
--              lock and publication freezes refuse the rest, as before) — memberships and teaching
--              assignments (who taught and who was GVCN that year; an assignment is ended, never deleted).

create function private.retention_guard() returns trigger
language plpgsql set search_path = '' as $$
declare
  api boolean := session_user::text = 'authenticator' or current_user::text in ('anon', 'authenticated', 'service_role');
  year_name text;
begin
  if not api then
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
comment on function private.retention_guard() is
  'Refuses deletes through the API of rows a retention rule keeps (argument always | open_year). Migration 20261205010000.';
revoke execute on function private.retention_guard() from public;

do $$
declare
  t text;
begin
  foreach t in array array['students', 'student_details', 'guardians', 'enrolments', 'subject_exemptions',
      'health_books', 'health_conditions', 'health_allergies', 'health_vaccinations', 'health_screenings',
      'clinic_visits', 'health_notices', 'health_access_log'] loop
    execute format('create trigger %1$s_retained before delete on public.%1$s for each row execute function private.retention_guard(%2$L)', t, 'always');
    execute format('create trigger %1$s_retained_truncate before truncate on public.%1$s for each statement execute function private.retention_guard(%2$L)', t, 'always');
    execute format('revoke truncate on public.%s from anon, authenticated, service_role', t);
  end loop;
  foreach t in array array['score_entries', 'subject_comments', 'conduct_ratings', 'attendance', 'quality_ratings',
      'student_measures', 'memberships', 'teaching_assignments'] loop
    execute format('create trigger %1$s_retained before delete on public.%1$s for each row execute function private.retention_guard(%2$L)', t, 'open_year');
    execute format('create trigger %1$s_retained_truncate before truncate on public.%1$s for each statement execute function private.retention_guard(%2$L)', t, 'open_year');
    execute format('revoke truncate on public.%s from anon, authenticated, service_role', t);
  end loop;
  -- G1: the nurse corrects or deactivates a record; she no longer deletes one (as for health_books).
  foreach t in array array['health_conditions', 'health_allergies', 'health_vaccinations', 'health_screenings', 'clinic_visits'] loop
    execute format('revoke delete on public.%s from authenticated', t);
    execute format('drop policy %1$s_delete on public.%1$s', t);
  end loop;
end $$;

-- G6: the public certificates and CRLs stay (a CRL is replaced in place by an upsert, never deleted).
create or replace function private.freeze_documents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' and old.bucket_id in ('documents', 'signed-documents') then
    raise exception 'Văn bản đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  if tg_op <> 'INSERT' and old.bucket_id in ('dossiers', 'dossier-packages')
     and (old.bucket_id = 'dossier-packages' or exists (select 1 from public.dossier_versions v where v.storage_path = old.name)) then
    raise exception 'Hồ sơ điện tử đã lưu trữ không được thay thế hay xoá' using errcode = '42501';
  end if;
  if tg_op = 'DELETE' and old.bucket_id = 'pki' then
    raise exception 'Chứng thư và danh sách thu hồi được lưu giữ để kiểm tra chữ ký về sau: không được xoá' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
