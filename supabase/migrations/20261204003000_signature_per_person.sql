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

-- check_signature (the shared revision; the GVCN's own subject only in a homeroom batch), start_signing_batch
-- (the GVCN's subject batch refused) and my_signing_inbox (the GVCN's subjects in the homeroom item) are
-- redefined with these rules in 20261204005000_gradebook_signing.sql, which also adds the gradebook.

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

