-- Phẩm chất, năng lực (quality_ratings) are TT27's: the assessment of primary students. The table took a
-- rating for any class, so a THPT GVCN was offered — and could save — fifteen TT27 ratings per student
-- (found by the 17-account walk, issue 12). A statement-level check refuses rows of a class whose school
-- is not primary, naming the class; the admin offers the sheet for primary classes only.
create function private.refuse_quality_ratings_outside_primary() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad text;
begin
  -- After RLS's WITH CHECK: a row reaches here only for a class the writer may write (their own).
  select c.name into bad
  from new_rows n
  join public.org_units o on o.id = n.school_id
  join public.classes c on c.id = n.class_id
  where o.school_level is distinct from 'primary'
  limit 1;
  if bad is not null then
    raise exception 'Phẩm chất, năng lực theo Thông tư 27 chỉ đánh giá học sinh tiểu học; lớp % không phải lớp tiểu học.', bad
      using errcode = '23514';
  end if;
  return null;
end $$;
revoke execute on function private.refuse_quality_ratings_outside_primary() from public, anon, authenticated;

create trigger quality_ratings_primary_insert after insert on public.quality_ratings referencing new table as new_rows
  for each statement execute function private.refuse_quality_ratings_outside_primary();
create trigger quality_ratings_primary_update after update on public.quality_ratings referencing new table as new_rows
  for each statement execute function private.refuse_quality_ratings_outside_primary();
