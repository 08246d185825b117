-- The class sheets the GVCN writes — Rèn luyện (conduct_ratings), Chuyên cần (attendance), Phẩm chất,
-- năng lực (quality_ratings) — ask the database whether the caller may save them now, as the score
-- sheet does (gradebook_sheet.can_edit). Until now the screens decided from the matrix and the class's
-- GVCN alone and offered Lưu on a locked period, whose save the lock trigger then refused (PT423).

-- One class sheet's rights for a period (1, 2; null = the summer re-rating): `locked` and
-- `locked_reason` as private.cell_frozen gives them for rows without a subject (a lock event, or the
-- class's results proposed, approved or published — what private.refuse_locked_writes applies to these
-- three tables), and `can_edit`: the caller is the class's GVCN (private.homeroom_class_ids(), the rule of
-- their insert/update/delete policies) and the period is not frozen. Security invoker: whoever reads the
-- class row (RLS on classes); another class is "not found". Cost: one class lookup, one index scan of the
-- year's lock events, one of the class's publications.
create function public.class_sheet_rights(p_class_id uuid, p_semester int) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  cls record;
  frozen text;
begin
  select c.id, c.school_year_id into cls from public.classes c where c.id = p_class_id;
  if not found then
    raise exception 'Không tìm thấy lớp' using errcode = '22023';
  end if;
  if p_semester is not null and p_semester not in (1, 2) then
    raise exception 'Học kỳ phải là 1 hoặc 2' using errcode = '22023';
  end if;
  frozen := private.cell_frozen(cls.school_year_id, p_semester, p_class_id, null);
  return jsonb_build_object(
    'class_id', cls.id,
    'semester', p_semester,
    'locked', frozen is not null,
    'locked_reason', frozen,
    'can_edit', frozen is null and p_class_id in (select private.homeroom_class_ids()));
end $$;
comment on function public.class_sheet_rights(uuid, int) is
  'Whether the caller may save the conduct, attendance and quality sheets of a class for a period now (its GVCN, the period not locked nor its results proposed, approved or published), with the lock state. Readers of the class; one class.';
revoke execute on function public.class_sheet_rights(uuid, int) from public, anon;
grant execute on function public.class_sheet_rights(uuid, int) to authenticated, service_role;
