-- The lock records' trigger answered before RLS (issue 11, finding 7, found again in review). It runs
-- BEFORE the row policy, so as phuhuynh@ a POST /rest/v1/lock_decisions with a given decided_by
-- answered "Quyết định … phải do Hiệu trưởng…" for one person and the RLS refusal for the principal
-- (an oracle of who is principal of a year), and a gradebook_locks event citing a narrowed decision
-- with another school's class id named that class ("không bao gồm phạm vi này (…, lớp 3A, …)"). Now:
--   * a caller who is not staff of the record's school year gets exactly the refusal RLS gives
--     (42501 'new row violates row-level security policy for table "…"'), before any detailed check;
--     staff of the year (who read its decisions, events and memberships) still learn why;
--   * an event whose class is not a class of its year is "Không tìm thấy lớp" (22023), never named.

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
  -- Nobody learns anything from this trigger (it runs before RLS) who may not write lock records of
  -- that year at all: a caller who is not staff of the year gets the refusal RLS would give.
  if coalesce((select auth.role()), '') = 'authenticated'
     and new.school_year_id not in (select private.my_year_ids(private.school_staff_roles())) then
    raise exception 'new row violates row-level security policy for table "%"', tg_table_name using errcode = '42501';
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
    -- A class of another year or school is not named (the foreign key refuses it anyway).
    if new.class_id is not null
       and not exists (select 1 from public.classes c where c.id = new.class_id and c.school_year_id = new.school_year_id) then
      raise exception 'Không tìm thấy lớp' using errcode = '22023';
    end if;
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
