-- The TT27/2020 assessment rules for primary schools (DOMAIN.md §3), in one place, as pure functions
-- that the entries, the results views and the tests all call. Codes:
--   subject rating (môn học, hoạt động giáo dục): 'T' Hoàn thành tốt, 'H' Hoàn thành, 'C' Chưa hoàn thành;
--   qualities and competencies (phẩm chất, năng lực): 'tot' Tốt, 'dat' Đạt, 'ccg' Cần cố gắng;
--   year result: 'xuat_sac' Hoàn thành xuất sắc, 'tot' Hoàn thành tốt, 'hoan_thanh' Hoàn thành,
--                'chua_hoan_thanh' Chưa hoàn thành;
--   periods: 'gk1' giữa học kỳ I, 'ck1' cuối học kỳ I, 'gk2' giữa học kỳ II, 'cn' cuối năm học.
-- Periodic test scores are integers 1–10 (TT27 Điều 7: "cho điểm theo thang điểm 10, không cho điểm 0,
-- không cho điểm thập phân").

-- Which subjects take a periodic test, and when: end of semester I and end of year for Tiếng Việt,
-- Toán, Ngoại ngữ 1, Lịch sử và Địa lí, Khoa học, Tin học và Công nghệ (in the grades that take them);
-- grades 4 and 5 also at mid-semester I and II for Tiếng Việt and Toán. Pure.
create function public.tt27_test_required(p_subject_code text, p_grade int, p_period text) returns boolean
language sql immutable set search_path = ''
as $$
  select case
    when p_period in ('ck1', 'cn') then p_subject_code in ('tieng_viet', 'toan', 'ngoai_ngu_1', 'ls_dl', 'khoa_hoc', 'tin_hoc_cong_nghe')
    when p_period in ('gk1', 'gk2') then p_grade in (4, 5) and p_subject_code in ('tieng_viet', 'toan')
    else false
  end
$$;
comment on function public.tt27_test_required(text, int, text) is
  'TT27: whether subject p_subject_code in grade p_grade takes a periodic test at p_period (gk1, ck1, gk2, cn).';

-- The year result (TT27 Điều 9.1):
--   Hoàn thành xuất sắc: every subject T, every quality and competency Tốt, every end-of-year test ≥ 9;
--   Hoàn thành tốt: not the above, every subject T, every quality and competency Tốt, every test ≥ 7;
--   Hoàn thành: not the above, every subject T or H, every quality and competency Tốt or Đạt, every
--     test ≥ 5;
--   Chưa hoàn thành: otherwise.
-- Null while anything is missing (no subjects, no qualities, a null element). A code out of the lists
-- or a test score that is not an integer 1–10 raises 22023. Pure.
create function public.tt27_year_result(p_subjects text[], p_qualities text[], p_tests int[]) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  tests int[] := coalesce(p_tests, '{}');
begin
  if exists (select 1 from unnest(p_subjects) s where s is not null and s not in ('T', 'H', 'C')) then
    raise exception 'Mức đánh giá môn học phải là T, H hoặc C' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(p_qualities) q where q is not null and q not in ('tot', 'dat', 'ccg')) then
    raise exception 'Mức đánh giá phẩm chất, năng lực phải là Tốt, Đạt hoặc Cần cố gắng' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(tests) t where t is not null and t not between 1 and 10) then
    raise exception 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10' using errcode = '22023';
  end if;
  if coalesce(cardinality(p_subjects), 0) = 0 or coalesce(cardinality(p_qualities), 0) = 0
     or array_position(p_subjects, null) is not null or array_position(p_qualities, null) is not null
     or array_position(tests, null) is not null then
    return null;
  end if;
  if 'T' = all (p_subjects) and 'tot' = all (p_qualities) then
    if 9 <= all (tests) then
      return 'xuat_sac';
    elsif 7 <= all (tests) then
      return 'tot';
    end if;
  end if;
  if 'C' <> all (p_subjects) and 'ccg' <> all (p_qualities) and 5 <= all (tests) then
    return 'hoan_thanh';
  end if;
  return 'chua_hoan_thanh';
end $$;
comment on function public.tt27_year_result(text[], text[], int[]) is
  'TT27 year result (xuat_sac, tot, hoan_thanh, chua_hoan_thanh) from the year ratings of the subjects (T/H/C), of the qualities and competencies (tot/dat/ccg) and the end-of-year test scores (1–10); null while incomplete.';

-- Programme completion (TT27 Điều 9.2–9.3): a year result of Hoàn thành or better completes the class's
-- programme ('lop_hoc'), in grade 5 the primary programme ('tieu_hoc'); Chưa hoàn thành completes
-- nothing ('chua'); null while the result is unknown. Pure.
create function public.tt27_programme_completion(p_result text, p_grade int) returns text
language sql immutable set search_path = ''
as $$
  select case
    when p_result is null then null
    when p_result = 'chua_hoan_thanh' then 'chua'
    when p_grade = 5 then 'tieu_hoc'
    else 'lop_hoc'
  end
$$;
comment on function public.tt27_programme_completion(text, int) is
  'TT27: lop_hoc (Hoàn thành chương trình lớp học), tieu_hoc (grade 5: chương trình tiểu học) or chua, from the year result.';

grant execute on function public.tt27_test_required(text, int, text), public.tt27_year_result(text[], text[], int[]),
  public.tt27_programme_completion(text, int) to authenticated, service_role;
