-- One unlock decision opens its scope once (issue 11, finding 5, found again in review). After the
-- principal recorded one unlock decision (học kỳ I, 10A1, Toán), bqt@ posted unlock, lock, unlock, lock…
-- citing it, every one 201: one decision let the board reopen the scope whenever it liked, after the
-- change the principal authorised had been made and relocked. Now an unlock decision authorises exactly
-- one unlock event for each period it covers (a decision of one period: one event; a decision of every
-- period, period null: one event per semester and one for the re-test period, as opening a whole class
-- takes three events). A second unlock citing it is refused (42501): "Quyết định mở khoá này đã được
-- dùng; cần quyết định mới của Hiệu trưởng". Relocking may still cite it (locking is the safe direction).
-- The trigger says why; a unique partial index holds the rule against two concurrent inserts (23505).

create unique index gradebook_locks_one_unlock_per_decision on public.gradebook_locks (decision_id, coalesce(semester, 0))
  where action = 'unlock';

-- The records' trigger (20261122003200), now also: an unlock event cites an unlock decision not yet
-- used for that period.
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
      -- One opening per period the decision covers (gradebook_locks_one_unlock_per_decision backs this against two
      -- concurrent inserts).
      if new.action = 'unlock' and exists (select 1 from public.gradebook_locks l
                                           where l.decision_id = new.decision_id and l.action = 'unlock'
                                             and l.semester is not distinct from new.semester) then
        raise exception 'Quyết định mở khoá này đã được dùng; cần quyết định mới của Hiệu trưởng' using errcode = '42501';
      end if;
    end if;
  end if;
  return new;
end $$;
