-- Kết quả rèn luyện (conduct_ratings) is TT22's: the assessment of lower- and upper-secondary students.
-- Primary students are assessed under TT27 (phẩm chất, năng lực in quality_ratings), which has no conduct
-- rating, yet the table took a rating for any class: the GVCN of a primary class could save Tốt/Khá/Đạt
-- for her pupils (issue 18, item 4: a primary class shows TT27 only). The mirror of
-- 20261203000000_quality_ratings_primary_only: a statement-level check refuses rows of a class whose
-- school is primary, naming the class (which the writer may read: RLS's WITH CHECK ran first), so every
-- client — the admin, PostgREST, an import — gets the same sentence.
create function private.refuse_conduct_ratings_in_primary() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad text;
begin
  select c.name into bad
  from new_rows n
  join public.classes c on c.id = n.class_id
  join public.org_units o on o.id = c.school_id
  where o.school_level = 'primary'
  limit 1;
  if bad is not null then
    raise exception 'Lớp % là lớp tiểu học: học sinh tiểu học được đánh giá theo Thông tư 27 (phẩm chất, năng lực), không xếp loại rèn luyện theo Thông tư 22.', bad
      using errcode = '23514';
  end if;
  return null;
end $$;
comment on function private.refuse_conduct_ratings_in_primary() is
  'Trigger (statement level, after insert or update on conduct_ratings): refuses any row of a primary school''s class with 23514 and a sentence naming the class. Cost: one join per written row.';
revoke execute on function private.refuse_conduct_ratings_in_primary() from public, anon, authenticated;

create trigger conduct_ratings_secondary_insert after insert on public.conduct_ratings referencing new table as new_rows
  for each statement execute function private.refuse_conduct_ratings_in_primary();
create trigger conduct_ratings_secondary_update after update on public.conduct_ratings referencing new table as new_rows
  for each statement execute function private.refuse_conduct_ratings_in_primary();
