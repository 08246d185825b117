-- An unlock needs the principal's decision to unlock (issue 11, finding 5). A lock decision recorded
-- only a number and a summary, and any decision of the year let the admin board post an unlock: the
-- board could open a locked year citing the decision that locked it, skipping the witnessed correction
-- procedure and the principal alike. Now a decision says what it decides and where:
--   * action: lock or unlock (existing decisions are lock decisions);
--   * its scope: period ('hk1', 'hk2', 'after' = the re-test and summer period; null = every period of
--     the year), class (null = every class), subject (null = every subject);
-- and every lock event, whoever writes it (the service role included), cites a decision of its year
-- that covers its scope, an unlock event an UNLOCK decision. Relocking may cite the lock decision or
-- the unlock decision it closes (both cover the scope; locking is the safe direction). The correction
-- procedure's own unlock (correction_requests) is not a lock event and is unchanged.

alter table public.lock_decisions
  add column action text not null default 'lock' constraint lock_decisions_action_check check (action in ('lock', 'unlock')),
  add column period text constraint lock_decisions_period_check check (period in ('hk1', 'hk2', 'after')),
  add column class_id uuid,
  add column subject_id uuid references public.subjects (id) on delete restrict,
  add constraint lock_decisions_class_fkey foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict;
comment on column public.lock_decisions.action is 'lock: khoá sổ; unlock: mở khoá sổ. Only an unlock decision is cited by an unlock event.';
comment on column public.lock_decisions.period is
  'The period decided on: hk1, hk2, after (kiểm tra lại và rèn luyện hè, gradebook_locks.semester null); null = every period of the year.';
comment on column public.lock_decisions.class_id is 'The class decided on; null = every class of the year.';
comment on column public.lock_decisions.subject_id is 'The subject decided on; null = every subject (and conduct, attendance).';
create index lock_decisions_class_idx on public.lock_decisions (class_id);
create index lock_decisions_subject_idx on public.lock_decisions (subject_id);

-- Whether a decision covers a lock event's scope (semester null = the re-test period). Cost: constant.
create function private.decision_covers(d public.lock_decisions, p_semester int, p_class_id uuid, p_subject_id uuid)
returns boolean
language sql immutable set search_path = ''
as $$
  select (d.period is null or d.period = case p_semester when 1 then 'hk1' when 2 then 'hk2' else 'after' end)
     and (d.class_id is null or d.class_id is not distinct from p_class_id)
     and (d.subject_id is null or d.subject_id is not distinct from p_subject_id)
$$;
revoke execute on function private.decision_covers(public.lock_decisions, int, uuid, uuid) from public, anon;
grant execute on function private.decision_covers(public.lock_decisions, int, uuid, uuid) to authenticated, service_role;

-- "học kỳ I, lớp 10A1, môn Toán": a lock event's scope as a message names it. Cost: two index lookups.
create function private.lock_scope_label(p_semester int, p_class_id uuid, p_subject_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select concat_ws(', ',
    case p_semester when 1 then 'học kỳ I' when 2 then 'học kỳ II' else 'kiểm tra lại và rèn luyện hè' end,
    coalesce('lớp ' || (select c.name from public.classes c where c.id = p_class_id), 'toàn trường'),
    'môn ' || (select s.name from public.subjects s where s.id = p_subject_id))
$$;
revoke execute on function private.lock_scope_label(int, uuid, uuid) from public, anon, authenticated;

-- The records' trigger, now also: an event cites a decision of its year covering its scope, an unlock
-- event an unlock decision. (A decision of another year, or none, is left to the foreign key and the
-- not-null constraint, which answer 23503 / 23502.)
create or replace function private.check_lock_records() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  person uuid;
  needed public.app_role;
  d public.lock_decisions;
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
  if tg_table_name = 'gradebook_locks' then
    select * into d from public.lock_decisions x where x.id = new.decision_id and x.school_year_id = new.school_year_id;
    if found then
      if new.action = 'unlock' and d.action <> 'unlock' then
        raise exception 'Quyết định số % là quyết định khoá sổ: mở khoá sổ điểm phải theo quyết định mở khoá của Hiệu trưởng', d.number
          using errcode = '42501';
      end if;
      if not private.decision_covers(d, new.semester, new.class_id, new.subject_id) then
        raise exception 'Quyết định số % không bao gồm phạm vi này (%)', d.number,
          private.lock_scope_label(new.semester, new.class_id, new.subject_id) using errcode = '42501';
      end if;
    end if;
  end if;
  return new;
end $$;
