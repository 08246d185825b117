-- Locking the gradebook (khoá sổ). After each semester the principal decides, on the admin board's
-- proposal, to lock; the admin board carries it out (DOMAIN.md §4). So:
--   * lock_decisions: the principal's decision, recorded by a principal account of that year;
--   * gradebook_locks: append-only lock / unlock events by the admin board, each citing a decision;
--   * while locked, every write to what a lock covers fails in Postgres for every role (the admin
--     board and the service role included): statement-level triggers on the four gradebook tables.
-- A lock event covers its school year and semester (null = the re-test and summer-training period
-- after the year), narrowed to a class and/or subject when set; a subject-narrowed event does not cover
-- conduct or attendance. The state of a cell is the latest event covering it, so "lock the semester,
-- then unlock 10A1" leaves 10A1 open and the rest locked.

create table public.lock_decisions (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  decided_by uuid not null default auth.uid() references public.profiles (id) on delete restrict,
  number text not null check (length(trim(number)) between 1 and 60),
  decided_on date not null default public.app_today(),
  summary text not null check (length(trim(summary)) between 3 and 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, school_year_id),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict
);
comment on table public.lock_decisions is
  'Quyết định of the principal (Hiệu trưởng) to lock or unlock the gradebook; cited by every gradebook_locks event.';
create index lock_decisions_year_idx on public.lock_decisions (school_year_id);
create index lock_decisions_school_idx on public.lock_decisions (school_id);
alter table public.lock_decisions enable row level security;
grant select, insert on public.lock_decisions to authenticated;
grant select, insert on public.lock_decisions to service_role;

create policy lock_decisions_select on public.lock_decisions for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy lock_decisions_insert on public.lock_decisions for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{principal}')) and decided_by = (select auth.uid()));
comment on policy lock_decisions_select on public.lock_decisions is 'Staff of the school year read the decisions.';
comment on policy lock_decisions_insert on public.lock_decisions is 'A principal of that year records their own decision.';

create table public.gradebook_locks (
  id bigint generated always as identity primary key,
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  semester smallint check (semester in (1, 2)),
  class_id uuid,
  subject_id uuid references public.subjects (id) on delete restrict,
  action text not null check (action in ('lock', 'unlock')),
  decision_id uuid not null,
  note text check (length(note) <= 1000),
  created_by uuid not null default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (decision_id, school_year_id) references public.lock_decisions (id, school_year_id) on delete restrict
);
comment on table public.gradebook_locks is
  'Khoá / mở khoá sổ điểm: append-only events by the admin board, each citing a principal''s decision; the latest event covering a cell decides whether it is locked.';
create index gradebook_locks_scope_idx on public.gradebook_locks (school_year_id, semester, id desc);
create index gradebook_locks_school_idx on public.gradebook_locks (school_id);
create index gradebook_locks_decision_idx on public.gradebook_locks (decision_id);
create index gradebook_locks_class_idx on public.gradebook_locks (class_id);
alter table public.gradebook_locks enable row level security;
grant select, insert on public.gradebook_locks to authenticated;
grant select, insert on public.gradebook_locks to service_role;

create policy gradebook_locks_select on public.gradebook_locks for select to authenticated
  using (school_year_id in (select private.my_year_ids(private.school_staff_roles())));
create policy gradebook_locks_insert on public.gradebook_locks for insert to authenticated
  with check (school_year_id in (select private.my_year_ids('{admin_board}')) and created_by = (select auth.uid()));
comment on policy gradebook_locks_select on public.gradebook_locks is 'Staff of the school year see what is locked and why.';
comment on policy gradebook_locks_insert on public.gradebook_locks is 'The admin board of that year locks and unlocks (citing a principal''s decision).';

-- Checked for every writer (the service role too): a decision is recorded by a principal of its year;
-- a lock event is made by an admin board member of its year; neither is ever changed or removed.
create function private.check_lock_records() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  person uuid;
  needed public.app_role;
begin
  if tg_op <> 'INSERT' then
    raise exception 'Quyết định và nhật ký khoá sổ là hồ sơ: không được sửa hay xoá' using errcode = '42501';
  end if;
  if tg_table_name = 'lock_decisions' then
    person := new.decided_by;
    needed := 'principal';
  else
    person := new.created_by;
    needed := 'admin_board';
  end if;
  if not exists (select 1 from public.memberships m
                 where m.profile_id = person and m.school_year_id = new.school_year_id and m.role = needed) then
    raise exception '%', case needed
      when 'principal' then 'Quyết định khoá/mở khoá sổ phải do Hiệu trưởng của năm học này ghi nhận'
      else 'Chỉ Ban quản trị của năm học này được khoá hoặc mở khoá sổ điểm' end
      using errcode = '42501';
  end if;
  return new;
end $$;
create trigger lock_decisions_check before insert or update or delete on public.lock_decisions
  for each row execute function private.check_lock_records();
create trigger gradebook_locks_check before insert or update or delete on public.gradebook_locks
  for each row execute function private.check_lock_records();

-- Whether a cell is locked now: the latest event of its year and semester whose class and subject
-- cover it (null = all) says so. p_subject_id null asks about conduct and attendance, which only
-- events without a subject cover. Callers: the lock triggers, the admin (rpc/gradebook_locked); staff
-- of the school year. Cost: one index scan over the events of that year and semester (a handful).
create function private.gradebook_locked(p_school_year_id uuid, p_semester int, p_class_id uuid, p_subject_id uuid)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$ begin
  return coalesce((
    select l.action = 'lock' from public.gradebook_locks l
    where l.school_year_id = p_school_year_id and l.semester is not distinct from p_semester
      and (l.class_id is null or l.class_id = p_class_id)
      and (l.subject_id is null or l.subject_id = p_subject_id)
    order by l.id desc limit 1), false);
end $$;
revoke execute on function private.gradebook_locked(uuid, int, uuid, uuid) from public, anon;
grant execute on function private.gradebook_locked(uuid, int, uuid, uuid) to authenticated, service_role;

create function public.gradebook_locked(p_school_year_id uuid, p_semester int, p_class_id uuid default null, p_subject_id uuid default null)
returns boolean
language sql stable set search_path = ''
as $$
  select private.gradebook_locked(p_school_year_id, p_semester, p_class_id, p_subject_id)
  where p_school_year_id in (select private.my_year_ids(private.school_staff_roles()))
     or (select auth.role()) = 'service_role'
$$;
comment on function public.gradebook_locked(uuid, int, uuid, uuid) is
  'Whether the gradebook cell (year, semester or null for the re-test period, class, subject or null for conduct/attendance) is locked now; null for a caller who is not staff of that year. Staff and service role; one index scan.';
revoke execute on function public.gradebook_locked(uuid, int, uuid, uuid) from public, anon;
grant execute on function public.gradebook_locked(uuid, int, uuid, uuid) to authenticated, service_role;

-- A gradebook cell as a lock sees it.
create type private.gradebook_cell as (school_year_id uuid, semester smallint, class_id uuid, subject_id uuid);

-- Refuses a statement touching a locked cell, for every role. One check per distinct (year,
-- semester, class, subject) of the statement's rows, old and new (a row moved out of a locked
-- semester is as much a change as one moved in), so a bulk load costs one lookup per class and
-- subject, not per row. The re-test period (semester null) covers re-test entries and summer
-- re-ratings. (PL/pgSQL plans a branch only when it runs, and compiles the function per table, so the
-- subject_id branches are never planned for conduct_ratings and attendance.)
create function private.refuse_locked_writes() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  cells private.gradebook_cell[] := '{}';
  hit record;
  has_subject constant boolean := tg_table_name in ('score_entries', 'subject_comments');
begin
  if tg_op in ('INSERT', 'UPDATE') then
    if has_subject then
      select cells || coalesce(array_agg(distinct (n.school_year_id, n.semester, n.class_id, n.subject_id)::private.gradebook_cell), '{}')
      into cells from new_rows n;
    else
      select cells || coalesce(array_agg(distinct (n.school_year_id, n.semester, n.class_id, null)::private.gradebook_cell), '{}')
      into cells from new_rows n;
    end if;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    if has_subject then
      select cells || coalesce(array_agg(distinct (o.school_year_id, o.semester, o.class_id, o.subject_id)::private.gradebook_cell), '{}')
      into cells from old_rows o;
    else
      select cells || coalesce(array_agg(distinct (o.school_year_id, o.semester, o.class_id, null)::private.gradebook_cell), '{}')
      into cells from old_rows o;
    end if;
  end if;
  select t.semester, y.code as year_code, c.name as class_name, s.name as subject_name into hit
  from (select distinct * from unnest(cells)) t
  join public.school_years y on y.id = t.school_year_id
  join public.classes c on c.id = t.class_id
  left join public.subjects s on s.id = t.subject_id
  where private.gradebook_locked(t.school_year_id, t.semester, t.class_id, t.subject_id)
  limit 1;
  if found then
    raise exception 'Sổ điểm % năm học % đã khoá (%): không ai được thay đổi dữ liệu đã khoá. Muốn sửa, hãy làm đề nghị sửa điểm.',
      case hit.semester when 1 then 'học kỳ I' when 2 then 'học kỳ II' else 'kiểm tra lại và rèn luyện hè' end,
      hit.year_code, 'lớp ' || hit.class_name || coalesce(', môn ' || hit.subject_name, '')
      using errcode = 'PT423';
  end if;
  return null;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['score_entries', 'subject_comments', 'conduct_ratings', 'attendance'] loop
    execute format('create trigger %1$s_lock_insert after insert on public.%1$s referencing new table as new_rows
                    for each statement execute function private.refuse_locked_writes()', t);
    execute format('create trigger %1$s_lock_update after update on public.%1$s referencing old table as old_rows new table as new_rows
                    for each statement execute function private.refuse_locked_writes()', t);
    execute format('create trigger %1$s_lock_delete after delete on public.%1$s referencing old table as old_rows
                    for each statement execute function private.refuse_locked_writes()', t);
  end loop;
end $$;

select private.enable_audit('public.lock_decisions');
select private.enable_audit('public.gradebook_locks');

-- Hosted Supabase's default privileges give the service role every privilege on new tables, TRUNCATE
-- included, which skips row triggers (rules, locks, audit). Records are never truncated.
revoke truncate, references, trigger on public.lock_decisions, public.gradebook_locks from service_role, authenticated, anon;
revoke update, delete on public.lock_decisions, public.gradebook_locks from service_role, authenticated, anon;
