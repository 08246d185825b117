-- Issue 20: undoing a placement also takes back what it carried for the family. place_students gives a placed
-- student's family accounts (guardian, student) their roles in the new year; undo_placements removed the
-- placement and its enrolment but left those roles. Now a family role of the year being prepared goes with
-- the last of its placed children (a role of a family with another child still enrolled in the year stays).
-- The year is not opened, so nothing of it was ever shown to the family: the rows are not records yet (the
-- retention guard lets rows of an unopened year be deleted, migration 20261205041000).

create or replace function public.undo_placements(p_school_year_id uuid, p_student_ids uuid[] default null) returns int
language plpgsql volatile security definer set search_path = '' as $$
declare
  y record;
  n int;
begin
  select * into y from private.placement_years(p_school_year_id);
  if (y.nxt).opened_at is not null then
    raise exception 'Năm học % đã được mở: việc xếp lớp không còn hoàn tác được; hãy chuyển lớp hoặc kết thúc theo thủ tục.', (y.nxt).code
      using errcode = '55000';
  end if;
  with gone as (
    delete from public.year_placements p
    where p.school_year_id = (y.nxt).id and (p_student_ids is null or p.student_id = any (p_student_ids))
    returning p.enrolment_id
  ), dropped as (
    delete from public.enrolments e using gone where e.id = gone.enrolment_id returning e.id
  )
  select count(*) into n from gone;
  -- The family roles of the year whose holder has no child (or own student record) enrolled in it any more.
  delete from public.memberships m
  where m.school_year_id = (y.nxt).id and m.org_unit_id = (y.nxt).school_id and m.role in ('guardian', 'student')
    and not exists (
      select 1 from public.enrolments e
      where e.school_year_id = (y.nxt).id
        and e.student_id in (select g.student_id from public.guardians g where g.profile_id = m.profile_id
                             union select st.id from public.students st where st.profile_id = m.profile_id));
  return n;
end $$;
comment on function public.undo_placements(uuid, uuid[]) is
  'The admin board removes placements (all, or some students'') of a year not opened yet, with the enrolments they made and the family roles they carried.';
