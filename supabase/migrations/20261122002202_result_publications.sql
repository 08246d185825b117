-- Phê duyệt và công bố kết quả: per class and semester (or the year, semester null), draft → proposed
-- by the GVCN once every entry the results need is in → approved by BGH (not the proposer) → published.
-- Guardians and students read results only once published, and only their own. From proposal on, the
-- class's entries of that period are frozen like a lock: changing a published result goes through the
-- correction procedure, and each correction applied records on the publication why it changed.

create type public.publication_status as enum ('draft', 'proposed', 'approved', 'published');

create table public.result_publications (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  semester smallint check (semester in (1, 2)),
  status public.publication_status not null default 'draft',
  proposed_by uuid references public.profiles (id) on delete restrict,
  proposed_at timestamptz,
  approved_by uuid references public.profiles (id) on delete restrict,
  approved_at timestamptz,
  published_by uuid references public.profiles (id) on delete restrict,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, school_year_id),
  constraint result_publications_one_per_period unique nulls not distinct (class_id, semester),
  constraint result_publications_not_self_approved check (approved_by is null or proposed_by is null or approved_by <> proposed_by),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict
);
comment on table public.result_publications is
  'Phê duyệt và công bố kết quả of a class for a semester (or the year, semester null): draft → proposed → approved → published; changed only through rpc/advance_results.';
create index result_publications_year_idx on public.result_publications (school_year_id);
create index result_publications_school_idx on public.result_publications (school_id);

create table public.result_publication_events (
  id bigint generated always as identity primary key,
  publication_id uuid not null,
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  action text not null check (action in ('propose', 'withdraw', 'return', 'approve', 'publish', 'revise')),
  actor_id uuid references public.profiles (id) on delete restrict,
  note text check (length(note) <= 2000),
  correction_request_id uuid references public.correction_requests (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (publication_id, school_year_id) references public.result_publications (id, school_year_id) on delete restrict
);
comment on table public.result_publication_events is
  'History of a publication: proposals, returns, approvals, publication, and each revision by a correction (with its request).';
create index result_publication_events_pub_idx on public.result_publication_events (publication_id, id);
create index result_publication_events_school_idx on public.result_publication_events (school_id);
create index result_publication_events_correction_idx on public.result_publication_events (correction_request_id);
create index result_publication_events_year_idx on public.result_publication_events (school_year_id);
create index result_publication_events_actor_idx on public.result_publication_events (actor_id);

alter table public.result_publications enable row level security;
alter table public.result_publication_events enable row level security;
grant select on public.result_publications, public.result_publication_events to authenticated, service_role;
revoke insert, update, delete, truncate, references, trigger
  on public.result_publications, public.result_publication_events from service_role, authenticated, anon;

-- Staff of the year read every class's state (it is what the gradebook shows as frozen). Families read
-- their published results through rpc/my_results, not this workflow table.
create policy result_publications_select on public.result_publications for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy result_publication_events_select on public.result_publication_events for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
comment on policy result_publications_select on public.result_publications is
  'Staff of the school year.';
comment on policy result_publication_events_select on public.result_publication_events is 'Staff of the school year.';

create function private.check_publication_records() returns trigger
language plpgsql set search_path = ''
as $$ begin
  if tg_op = 'DELETE' or (tg_table_name = 'result_publication_events' and tg_op = 'UPDATE') then
    raise exception 'Hồ sơ phê duyệt, công bố kết quả không được sửa hay xoá' using errcode = '42501';
  end if;
  if tg_table_name = 'result_publications' and tg_op = 'UPDATE' then
    if (new.class_id, new.semester, new.school_year_id, new.school_id) is distinct from (old.class_id, old.semester, old.school_year_id, old.school_id) then
      raise exception 'Không được đổi lớp hay học kỳ của một lần công bố' using errcode = '42501';
    end if;
    if new.status is distinct from old.status and (old.status, new.status) not in (
         ('draft', 'proposed'), ('proposed', 'draft'), ('proposed', 'approved'), ('approved', 'published')) then
      raise exception 'Không thể chuyển kết quả từ "%" sang "%"', old.status, new.status using errcode = 'PT409';
    end if;
    new.updated_at := now();
  end if;
  return new;
end $$;
create trigger result_publications_check before insert or update or delete on public.result_publications
  for each row execute function private.check_publication_records();
create trigger result_publication_events_check before insert or update or delete on public.result_publication_events
  for each row execute function private.check_publication_records();

select private.enable_audit('public.result_publications');
select private.enable_audit('public.result_publication_events');

-- A cell is frozen by a lock, or by its class's results of that semester (or of the year, which covers
-- both semesters) being proposed, approved or published. The re-test period is not covered by a
-- publication (re-tests follow the year's results).
create or replace function private.cell_frozen(p_school_year_id uuid, p_semester int, p_class_id uuid, p_subject_id uuid)
returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  st public.publication_status;
begin
  if private.gradebook_locked(p_school_year_id, p_semester, p_class_id, p_subject_id) then
    return 'đã khoá';
  end if;
  if p_semester is not null then
    select p.status into st from public.result_publications p
    where p.class_id = p_class_id and (p.semester = p_semester or p.semester is null) and p.status <> 'draft'
    order by p.status desc limit 1;
    if found then
      return case st when 'proposed' then 'kết quả đã trình duyệt' when 'approved' then 'kết quả đã được duyệt' else 'kết quả đã công bố' end;
    end if;
  end if;
  return null;
end $$;

-- Where a correction changes a class whose results are approved or published, the publication records
-- why (one 'revise' event per request and publication).
create function private.record_publication_revisions() returns trigger
language plpgsql security definer set search_path = ''
as $$ begin
  insert into public.result_publication_events (publication_id, school_id, school_year_id, action, actor_id, note, correction_request_id)
  select distinct p.id, p.school_id, p.school_year_id, 'revise', (select auth.uid()),
         'Sửa điểm theo đề nghị: ' || q.reason, q.id
  from new_rows n
  join public.correction_requests q on q.id = n.correction_request_id
  join public.result_publications p on p.class_id = n.class_id and p.status in ('approved', 'published')
    and (p.semester = n.semester or (p.semester is null and n.semester is not null))
  where n.correction_request_id is not null
    and not exists (select 1 from public.result_publication_events e
                    where e.publication_id = p.id and e.correction_request_id = q.id and e.action = 'revise');
  return null;
end $$;
create trigger score_entries_publication_insert after insert on public.score_entries
  referencing new table as new_rows for each statement execute function private.record_publication_revisions();
create trigger score_entries_publication_update after update on public.score_entries
  referencing new table as new_rows for each statement execute function private.record_publication_revisions();

-- What is still missing before a class's results of a period can be proposed: per subject the number of
-- students without a result, and the students without a conduct level. Empty when complete.
create function private.missing_results(p_class_id uuid, p_semester int) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  subjects_missing text;
  conduct_missing int;
begin
  perform set_config('sdt.reads_all_gradebooks', 'on', true);
  select string_agg(s.name || ' (' || n || ' học sinh)', ', ' order by s.sort_order, s.name) into subjects_missing
  from (select r.subject_id, count(*) as n from public.subject_results r
        where r.class_id = p_class_id and r.semester is not distinct from p_semester
          and r.average is null and r.rating is null
        group by r.subject_id) m
  join public.subjects s on s.id = m.subject_id;
  select count(*) into conduct_missing from public.student_results r
  where r.class_id = p_class_id and r.semester is not distinct from p_semester and r.conduct_level is null;
  perform set_config('sdt.reads_all_gradebooks', 'off', true);
  return concat_ws('; ',
    case when subjects_missing is not null then 'chưa đủ điểm: ' || subjects_missing end,
    case when conduct_missing > 0 then 'chưa đánh giá rèn luyện: ' || conduct_missing || ' học sinh' end);
end $$;
revoke execute on function private.missing_results(uuid, int) from public, anon, authenticated;

-- The rule views let a security-definer caller of this schema read every row while it holds the flag.
create or replace function private.reads_all_gradebooks() returns boolean
language sql stable set search_path = ''
as $$
  select coalesce((select auth.role()), '') = 'service_role'
      or (session_user = 'postgres' and (select auth.uid()) is null)
      or coalesce(current_setting('sdt.reads_all_gradebooks', true), '') = 'on'
$$;

-- rpc/advance_results: one step for a class's results of a period (p_semester 1, 2 or null = year).
--   propose   the class's GVCN; every subject result and conduct level is in (else 22023 listing what
--             is missing)
--   withdraw  the GVCN, back to draft from proposed
--   return    BGH (principal or vice principal), back to draft from proposed, with p_note
--   approve   BGH, not the proposer
--   publish   BGH, from approved
-- Returns the publication row. Other moves: PT409; wrong person: 42501.
create function public.advance_results(p_class_id uuid, p_semester int, p_action text, p_note text default null)
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
  if not found then
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
    update public.result_publications p set status = 'proposed', proposed_by = caller, proposed_at = now(),
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
    update public.result_publications p set status = 'approved', approved_by = caller, approved_at = now()
    where p.id = pub.id returning * into pub;
  else
    update public.result_publications p set status = 'published', published_by = caller, published_at = now()
    where p.id = pub.id returning * into pub;
  end if;
  insert into public.result_publication_events (publication_id, school_id, school_year_id, action, actor_id, note)
  values (pub.id, pub.school_id, pub.school_year_id, p_action, caller, nullif(trim(p_note), ''));
  return pub;
end $$;
comment on function public.advance_results(uuid, int, text, text) is
  'Trình duyệt (GVCN), trả lại / duyệt / công bố (BGH) the results of a class for a semester or the year. Refuses other moves.';
revoke execute on function public.advance_results(uuid, int, text, text) from public, anon;
grant execute on function public.advance_results(uuid, int, text, text) to authenticated;

-- rpc/my_results: what a guardian or a student reads — for each of their children (or themselves) the
-- published periods of their classes, with the results as student_results computes them and each
-- subject's values. Nothing before publication, nobody else's child. Cost: the caller's children.
create function public.my_results() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  pd record;
  r record;
  out jsonb := '[]';
begin
  perform set_config('sdt.reads_all_gradebooks', 'on', true);
  -- One period at a time: with the student and class as plain values the view is computed for that
  -- one student (a join would compute it for the whole school first: seconds instead of milliseconds).
  for pd in
    with mine as (
      select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
      union
      select s.id from public.students s where s.profile_id = (select auth.uid())
    )
    select distinct m.student_id, st.full_name, st.student_code, p.id as publication_id, p.class_id, c.name as class_name,
           p.semester, p.published_at, y.code as year_code
    from mine m
    join public.students st on st.id = m.student_id
    join public.enrolments e on e.student_id = m.student_id and e.end_reason is distinct from 'class_change'
    join public.result_publications p on p.class_id = e.class_id and p.status = 'published'
    join public.classes c on c.id = p.class_id
    join public.school_years y on y.id = p.school_year_id
    order by st.full_name, y.code desc, p.semester nulls last
  loop
    select * into r from public.student_results x
    where x.student_id = pd.student_id and x.class_id = pd.class_id and x.semester is not distinct from pd.semester;
    out := out || jsonb_build_object(
      'student_id', pd.student_id, 'full_name', pd.full_name, 'student_code', pd.student_code,
      'school_year_code', pd.year_code, 'class_name', pd.class_name, 'semester', pd.semester, 'published_at', pd.published_at,
      'learning_level', r.learning_level, 'conduct_level', r.conduct_level, 'absences', r.absences,
      'absences_excused', r.absences_excused, 'absences_unexcused', r.absences_unexcused,
      'learning_after_retest', r.learning_after_retest, 'conduct_after_summer', r.conduct_after_summer,
      'promotion', r.promotion, 'award', r.award,
      'subjects', (select coalesce(jsonb_agg(jsonb_build_object('name', s.name, 'assessment_kind', s.assessment_kind,
                                                               'average', v -> 'average', 'rating', v -> 'rating',
                                                               'final_average', v -> 'final_average', 'final_rating', v -> 'final_rating')
                                             order by s.sort_order, s.name), '[]')
                   from jsonb_each(r.subjects) j (k, v) join public.subjects s on s.id = j.k::uuid),
      'revisions', (select count(*) from public.result_publication_events ev
                    where ev.publication_id = pd.publication_id and ev.action = 'revise'));
  end loop;
  perform set_config('sdt.reads_all_gradebooks', 'off', true);
  return out;
end $$;
comment on function public.my_results() is
  'Kết quả học tập of the caller''s children (guardian) or of the caller (student), published periods only.';
revoke execute on function public.my_results() from public, anon;
grant execute on function public.my_results() to authenticated;
