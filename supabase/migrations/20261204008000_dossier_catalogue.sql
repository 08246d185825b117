-- Electronic dossiers (hồ sơ điện tử, issue 17), first part: the catalogue as data and the obligations
-- it makes for a school year. (Submissions, review, reopening and locks build on these.)
--
-- The catalogue is owned by the office that manages a school — its parent org unit: the Phòng for
-- primary and lower-secondary schools, the Sở for upper-secondary ones (the demo's THPT is directly
-- under the Sở) — and a school adds items of its own; it never changes or removes its office's. Each
-- item says who submits it (the school, each department, a union group, the library or the equipment
-- officer, every teacher, every GVCN), its cadence and due rule, the accepted files, whether a
-- signature is required (always for a personal dossier, seed 002 Điều 7.2), who reviews it, whether it
-- is reported to the office, and its retention (permanent for every seed-002 group; a legal reference
-- for later rules). Nothing here is ever deleted through the API: an item is retired from a year on.
--
-- Due rules (dates in Vietnam's calendar; due at 23:59:59 Asia/Ho_Chi_Minh of due_on; overdue once the
-- database's today, public.app_today(), is past due_on):
--   weekly    one period per week (Monday–Sunday) of the school year; due `due_days` days BEFORE the
--             week's Monday (a plan is due before the week it plans; 3 = the Friday before);
--   monthly   one per calendar month of the year; due `due_days` days after the month's last day;
--   semester  one per semester; due `due_days` days after the semester's last day;
--   yearly    one for the year; due `due_days` days after the year's first day;
--   once      as yearly (a document made once, e.g. the school council's decision).

-- Union groups (đoàn thể) a union officer keeps: named on their membership.
alter table public.memberships add column union_groups text[]
  check (union_groups <@ array['cong_doan', 'nu_cong', 'thanh_tra', 'doan', 'doi']::text[] and (union_groups is null or role = 'union_officer'));
comment on column public.memberships.union_groups is 'For a union officer: the groups they keep (cong_doan Công đoàn, nu_cong Nữ công, thanh_tra Ban thanh tra nhân dân, doan Đoàn TNCS HCM, doi Đội).';

create function public.dossier_label(p_value text) returns text
language sql immutable set search_path = ''
as $$
  select case p_value
    when 'school' then 'Nhà trường' when 'department' then 'Tổ chuyên môn' when 'union_group' then 'Đoàn thể'
    when 'library' then 'Thư viện' when 'equipment' then 'Thiết bị' when 'teacher' then 'Giáo viên' when 'homeroom' then 'Giáo viên chủ nhiệm'
    when 'cong_doan' then 'Công đoàn' when 'nu_cong' then 'Nữ công' when 'thanh_tra' then 'Ban thanh tra nhân dân'
    when 'doan' then 'Đoàn TNCS Hồ Chí Minh' when 'doi' then 'Đội TNTP Hồ Chí Minh'
    when 'weekly' then 'Hằng tuần' when 'monthly' then 'Hằng tháng' when 'semester' then 'Mỗi học kỳ' when 'yearly' then 'Hằng năm' when 'once' then 'Một lần'
    when 'principal' then 'Hiệu trưởng' when 'bgh' then 'Ban giám hiệu' when 'dept_head' then 'Tổ trưởng chuyên môn' when 'none' then 'Không duyệt'
    else p_value end
$$;
grant execute on function public.dossier_label(text) to anon, authenticated, service_role;

create table public.dossier_groups (
  id uuid primary key default extensions.gen_random_uuid(),
  owner_id uuid not null references public.org_units (id) on delete restrict,
  code text not null check (code ~ '^[a-z0-9_]{1,40}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  sort_order int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint dossier_groups_code unique (owner_id, code),
  constraint dossier_groups_id_owner unique (id, owner_id)
);
comment on table public.dossier_groups is 'Nhóm hồ sơ of a catalogue (seed 002 §2: nhà trường, tổ chuyên môn, đoàn thể, thư viện – thiết bị, giáo viên), owned by an office or a school.';

create table public.dossier_items (
  id uuid primary key default extensions.gen_random_uuid(),
  owner_id uuid not null references public.org_units (id) on delete restrict,
  group_id uuid not null,
  code text not null check (code ~ '^[a-z0-9_]{1,40}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  party text not null check (party in ('school', 'department', 'union_group', 'library', 'equipment', 'teacher', 'homeroom')),
  union_group text check (union_group in ('cong_doan', 'nu_cong', 'thanh_tra', 'doan', 'doi')),
  cadence text not null check (cadence in ('weekly', 'monthly', 'semester', 'yearly', 'once')),
  due_days int not null default 0 check (due_days between 0 and 120),
  accepted_types text[] not null default '{pdf,docx,xlsx,odt,png,jpeg}'
    check (accepted_types <> '{}' and accepted_types <@ array['pdf', 'docx', 'xlsx', 'odt', 'png', 'jpeg']::text[]),
  max_bytes int not null default 20971520 check (max_bytes between 1024 and 52428800),
  signature_required boolean not null default false,
  reviewer text not null default 'bgh' check (reviewer in ('principal', 'bgh', 'dept_head', 'none')),
  reported_up boolean not null default false,
  -- null: kept permanently (every seed-002 group); else years after the school year.
  retention_years int check (retention_years between 1 and 100),
  legal_reference text check (length(legal_reference) <= 300),
  from_year text check (from_year ~ '^\d{4}-\d{4}$'),
  retired_from_year text check (retired_from_year ~ '^\d{4}-\d{4}$'),
  sort_order int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint dossier_items_code unique (owner_id, code),
  constraint dossier_items_group foreign key (group_id, owner_id) references public.dossier_groups (id, owner_id) on delete restrict,
  constraint dossier_items_union_group check ((party = 'union_group') = (union_group is not null)),
  -- A personal dossier is signed before it is submitted (seed 002 Điều 7.2).
  constraint dossier_items_personal_signed check (party not in ('teacher', 'homeroom') or signature_required)
);
create index dossier_items_group_idx on public.dossier_items (group_id);
comment on table public.dossier_items is 'Danh mục hồ sơ điện tử: who submits (party), cadence and due rule (due_days, see the migration''s header), accepted types and size, signature, reviewer, reported to the office, retention (null = vĩnh viễn), legal reference, the years it applies to.';

-- Refusals in a sentence before the checks.
create function private.check_dossier_item() returns trigger
language plpgsql set search_path = ''
as $$ begin
  if new.party in ('teacher', 'homeroom') and not new.signature_required then
    raise exception 'Hồ sơ cá nhân phải được ký số trước khi nộp: không thể bỏ yêu cầu chữ ký.' using errcode = '23514';
  end if;
  if (new.party = 'union_group') <> (new.union_group is not null) then
    raise exception 'Hồ sơ đoàn thể phải ghi rõ đoàn thể nộp (và chỉ hồ sơ đoàn thể).' using errcode = '23514';
  end if;
  if new.max_bytes > 52428800 then
    raise exception 'Dung lượng tối đa của một tệp là 50 MB.' using errcode = '23514';
  end if;
  return new;
end $$;
create trigger dossier_items_check before insert or update on public.dossier_items for each row execute function private.check_dossier_item();

-- The catalogue's owners a caller reads: the offices above the schools they work in and those schools,
-- and, for an officer, their office and every unit below it.
create function private.dossier_reader_owner_ids() returns setof uuid
language sql stable security definer rows 10 set search_path = ''
as $$
  select s from private.my_school_ids(private.school_staff_roles()) s
  union
  select o.parent_id from public.org_units o where o.id in (select private.my_school_ids(private.school_staff_roles())) and o.parent_id is not null
  union
  select o.id from public.org_units o where o.id in (select private.my_org_unit_ids()) and o.kind in ('district', 'province')
  union
  select s from private.my_officer_school_ids() s
  union
  select o.id from public.org_units o where o.kind = 'district' and o.parent_id in (
    select m.org_unit_id from public.memberships m where m.profile_id = (select auth.uid()) and m.role = 'province_officer')
$$;
revoke execute on function private.dossier_reader_owner_ids() from public, anon;
grant execute on function private.dossier_reader_owner_ids() to authenticated, service_role;

-- The owners whose catalogue a caller writes: their own office (officer), their school (admin board).
create function private.dossier_writer_owner_ids() returns setof uuid
language sql stable security definer rows 2 set search_path = ''
as $$
  select m.org_unit_id from public.memberships m
  where m.profile_id = (select auth.uid()) and m.role in ('district_officer', 'province_officer')
  union
  select s from private.my_school_ids('{admin_board}') s
$$;
revoke execute on function private.dossier_writer_owner_ids() from public, anon;
grant execute on function private.dossier_writer_owner_ids() to authenticated, service_role;

do $$
declare
  t text;
begin
  foreach t in array array['dossier_groups', 'dossier_items'] loop
    execute format('create index %1$s_owner_idx on public.%1$s (owner_id)', t);
    execute format('alter table public.%s enable row level security', t);
    execute format('grant select, insert, update on public.%s to authenticated, service_role', t);
    execute format('revoke delete, truncate, references, trigger on public.%s from service_role, authenticated, anon', t);
    execute format('create policy %1$s_select on public.%1$s for select to authenticated using (owner_id in (select private.dossier_reader_owner_ids()))', t);
    execute format('create policy %1$s_insert on public.%1$s for insert to authenticated with check (owner_id in (select private.dossier_writer_owner_ids()))', t);
    execute format('create policy %1$s_update on public.%1$s for update to authenticated using (owner_id in (select private.dossier_writer_owner_ids())) with check (owner_id in (select private.dossier_writer_owner_ids()))', t);
    execute format($f$comment on policy %1$s_select on public.%1$s is 'Staff of a school read its office''s catalogue and its own; officers their office''s and those below.'$f$, t);
    execute format($f$comment on policy %1$s_insert on public.%1$s is 'The office''s officers its catalogue; a school''s admin board the school''s own items.'$f$, t);
    execute format($f$comment on policy %1$s_update on public.%1$s is 'The owner only: a school never changes its office''s items (nobody deletes; an item is retired).'$f$, t);
    perform private.enable_audit(('public.' || t)::regclass);
  end loop;
end $$;

-- ---------------------------------------------------------------------------------------------------
-- Obligations: item × responsible party × period of a school year.
-- ---------------------------------------------------------------------------------------------------
create table public.dossier_obligations (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  item_id uuid not null references public.dossier_items (id) on delete restrict,
  party text not null,
  -- Who: a teacher or GVCN (profile), a department, a union group; none for the school, library, equipment.
  profile_id uuid references public.profiles (id) on delete restrict,
  department_id uuid,
  union_group text,
  period_start date not null,
  period_end date not null,
  label text not null,
  due_on date not null,
  due_at timestamptz not null,
  created_at timestamptz not null default now(),
  constraint dossier_obligations_period check (period_end >= period_start),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (department_id, school_id) references public.departments (id, school_id) on delete restrict
);
create unique index dossier_obligations_unique on public.dossier_obligations
  (item_id, school_year_id, coalesce(profile_id, department_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(union_group, ''), period_start);
create index dossier_obligations_school_idx on public.dossier_obligations (school_id, school_year_id, due_on);
create index dossier_obligations_profile_idx on public.dossier_obligations (profile_id, due_on);
create index dossier_obligations_department_idx on public.dossier_obligations (department_id);
create index dossier_obligations_year_idx on public.dossier_obligations (school_year_id);
create index dossier_obligations_item_idx on public.dossier_obligations (item_id);
comment on table public.dossier_obligations is 'Hồ sơ phải nộp: one per catalogue item, responsible party and period of a school year, due at 23:59:59 Vietnam time of due_on (rpc generate_dossier_obligations).';

-- The union groups the caller keeps in a school this year.
create function private.my_union_groups() returns table (school_id uuid, union_group text)
language sql stable security definer set search_path = ''
as $$
  select m.org_unit_id, g from public.memberships m cross join unnest(m.union_groups) g
  where m.profile_id = (select auth.uid()) and m.role = 'union_officer' and m.school_year_id in (select private.current_school_year_ids())
$$;
revoke execute on function private.my_union_groups() from public, anon;
grant execute on function private.my_union_groups() to authenticated, service_role;

-- The departments the caller heads (any year they head it).
create function private.my_headed_department_ids() returns setof uuid
language sql stable security definer rows 2 set search_path = ''
as $$
  select d.department_id from public.department_members d
  where d.profile_id = (select auth.uid()) and d.is_head and d.school_year_id in (select private.my_year_ids('{dept_head}'))
$$;
revoke execute on function private.my_headed_department_ids() from public, anon;
grant execute on function private.my_headed_department_ids() to authenticated, service_role;

alter table public.dossier_obligations enable row level security;
grant select on public.dossier_obligations to authenticated, service_role;
grant insert on public.dossier_obligations to service_role;
revoke delete, truncate, references, trigger on public.dossier_obligations from service_role, authenticated, anon;
create policy dossier_obligations_select on public.dossier_obligations for select to authenticated
  using (profile_id = (select auth.uid())
         or school_id in (select private.my_school_ids('{principal,vice_principal,admin_board}'))
         or department_id in (select private.my_headed_department_ids())
         or (school_year_id, profile_id) in (select t.school_year_id, t.profile_id from private.my_department_teacher_ids() t)
         or (school_id, union_group) in (select g.school_id, g.union_group from private.my_union_groups() g)
         or school_id in (select private.my_officer_school_ids()));
comment on policy dossier_obligations_select on public.dossier_obligations is
  'A person their own; a department head the department''s and its teachers''; a union officer their groups''; BGH and the admin board the school''s; the managing office the status of every obligation of its schools.';

-- The periods of an item's cadence in a school year: (start, end, due_on, label).
create function public.dossier_periods(p_cadence text, p_due_days int, p_starts_on date, p_semester1_ends_on date,
                                       p_semester2_starts_on date, p_ends_on date)
returns table (period_start date, period_end date, due_on date, label text)
language sql immutable set search_path = ''
as $$
  select w, w + 6, w - p_due_days,
         'Tuần ' || row_number() over (order by w) || ' (' || to_char(w, 'DD/MM') || '–' || to_char(w + 6, 'DD/MM/YYYY') || ')'
  from generate_series(date_trunc('week', p_starts_on::timestamp), p_ends_on::timestamp, interval '7 days') g (t)
  cross join lateral (select g.t::date as w) x
  where p_cadence = 'weekly'
  union all
  select greatest(m, p_starts_on), least((m + interval '1 month - 1 day')::date, p_ends_on),
         (m + interval '1 month - 1 day')::date + p_due_days, 'Tháng ' || to_char(m, 'MM/YYYY')
  from generate_series(date_trunc('month', p_starts_on::timestamp), p_ends_on::timestamp, interval '1 month') g (t)
  cross join lateral (select g.t::date as m) x
  where p_cadence = 'monthly'
  union all
  select s, e, e + p_due_days, l
  from (values (p_starts_on, p_semester1_ends_on, 'Học kỳ I'), (p_semester2_starts_on, p_ends_on, 'Học kỳ II')) v (s, e, l)
  where p_cadence = 'semester'
  union all
  select p_starts_on, p_ends_on, p_starts_on + p_due_days, 'Năm học ' || extract(year from p_starts_on) || '-' || extract(year from p_ends_on)
  where p_cadence in ('yearly', 'once')
$$;
comment on function public.dossier_periods(text, int, date, date, date, date) is 'The periods and due dates of a cadence in a school year (see 20261204008000''s header).';
grant execute on function public.dossier_periods(text, int, date, date, date, date) to authenticated, service_role;

-- rpc/generate_dossier_obligations: every obligation of the school year from the catalogue in force
-- (the office's items and the school's own, not retired by then): item × party × period. Idempotent:
-- what exists stays (a person who joined later gets theirs on the next run). The admin board of the
-- school (or the service role). Returns how many were added.
create function public.generate_dossier_obligations(p_school_year_id uuid) returns int
language plpgsql volatile security definer set search_path = ''
as $$
declare
  y record;
  n int;
begin
  select sy.*, o.parent_id into y from public.school_years sy join public.org_units o on o.id = sy.school_id where sy.id = p_school_year_id;
  if not found or (coalesce((select auth.role()), '') not in ('', 'service_role')
                   and not exists (select 1 from public.memberships m where m.profile_id = (select auth.uid()) and m.role = 'admin_board'
                                   and m.org_unit_id = y.school_id and m.school_year_id = p_school_year_id)) then
    raise exception 'Chỉ Ban quản trị của trường lập được danh sách hồ sơ phải nộp của năm học.' using errcode = '42501';
  end if;
  with items as (
    select i.* from public.dossier_items i
    where i.owner_id in (y.school_id, y.parent_id)
      and (i.from_year is null or i.from_year <= y.code) and (i.retired_from_year is null or i.retired_from_year > y.code)
  ), parties as (
    select i.id as item_id, i.party, null::uuid as profile_id, null::uuid as department_id, i.union_group
    from items i where i.party in ('school', 'library', 'equipment', 'union_group')
    union all
    select i.id, i.party, null, d.id, null from items i join public.departments d on d.school_id = y.school_id where i.party = 'department'
    union all
    select distinct i.id, i.party, m.profile_id, null::uuid, null from items i
    join public.memberships m on m.school_year_id = y.id and m.role in ('subject_teacher', 'homeroom_teacher', 'dept_head')
    where i.party = 'teacher'
    union all
    select distinct i.id, i.party, c.homeroom_teacher_id, null::uuid, null from items i
    join public.classes c on c.school_year_id = y.id and c.homeroom_teacher_id is not null where i.party = 'homeroom'
  )
  insert into public.dossier_obligations (school_id, school_year_id, item_id, party, profile_id, department_id, union_group,
                                          period_start, period_end, label, due_on, due_at)
  select y.school_id, y.id, p.item_id, p.party, p.profile_id, p.department_id, p.union_group,
         per.period_start, per.period_end, per.label, per.due_on, (per.due_on + time '23:59:59') at time zone 'Asia/Ho_Chi_Minh'
  from parties p join items i on i.id = p.item_id
  cross join lateral public.dossier_periods(i.cadence, i.due_days, y.starts_on, y.semester1_ends_on, y.semester2_starts_on, y.ends_on) per
  on conflict do nothing;
  get diagnostics n = row_count;
  return n;
end $$;
revoke execute on function public.generate_dossier_obligations(uuid) from public, anon;
grant execute on function public.generate_dossier_obligations(uuid) to authenticated, service_role;
