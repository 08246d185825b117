-- The one authoritative implementation of the TT22/2021 result rules for lower and upper secondary
-- (Thông tư 22/2021/TT-BGDĐT): subject averages (ĐTBmhk, ĐTBmcn), comment-only subject ratings, the
-- learning result (kết quả học tập) with its one-subject adjustment, the year conduct level, promotion
-- (lên lớp / kiểm tra lại / rèn luyện trong hè) and awards. Pure immutable functions, no tables: the
-- score and result tables of a later step call these, and clients may call them to preview a result
-- with exactly the same rules. Rules as stated in docs/DOMAIN.md §2.
--
-- Conventions shared by every function here:
--   * levels are text 'tot' | 'kha' | 'dat' | 'chua_dat' (Tốt / Khá / Đạt / Chưa đạt); anything else is
--     rejected with an error, so a typo never silently becomes "Chưa đạt";
--   * null means "not computable yet" (a required entry is missing) and propagates, never 0;
--   * scores are numeric (never float) in 0–10 with at most one decimal, as the entry tables enforce;
--     rounding is round(numeric, 1), half away from zero, which is half up for these non-negative values;
--   * exempt subjects (miễn học) are left out of the arrays by the caller.
-- Every function is callable by any signed-in user (they reveal no data) and by service_role; closed to
-- anon and public.

-- ---------------------------------------------------------------------------------------------------
-- Levels
-- ---------------------------------------------------------------------------------------------------

-- Returns the rank of a level: chua_dat 0, dat 1, kha 2, tot 3; null for null; an error for anything
-- else. Callers: any signed-in user. Cost: constant.
create function public.tt22_level_rank(level text) returns int
language plpgsql immutable set search_path = ''
as $$
begin
  if level is null then
    return null;
  end if;
  case level
    when 'chua_dat' then return 0;
    when 'dat' then return 1;
    when 'kha' then return 2;
    when 'tot' then return 3;
    else raise exception 'Mức đánh giá không hợp lệ: "%" (chỉ nhận tot, kha, dat, chua_dat)', level
      using errcode = '22023';
  end case;
end $$;
comment on function public.tt22_level_rank(text) is
  'TT22 level rank: chua_dat 0, dat 1, kha 2, tot 3; error on an unknown level. Any signed-in user; constant cost.';
revoke execute on function public.tt22_level_rank(text) from public, anon;
grant execute on function public.tt22_level_rank(text) to authenticated, service_role;

-- Returns the level of a rank (inverse of tt22_level_rank). Callers: any signed-in user. Cost: constant.
create function public.tt22_level_of_rank(level_rank int) returns text
language sql immutable set search_path = ''
as $$ select (array['chua_dat', 'dat', 'kha', 'tot'])[level_rank + 1] $$;
comment on function public.tt22_level_of_rank(int) is
  'TT22 level of a rank 0–3 (inverse of tt22_level_rank); null otherwise. Any signed-in user; constant cost.';
revoke execute on function public.tt22_level_of_rank(int) from public, anon;
grant execute on function public.tt22_level_of_rank(int) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Subject averages (scored subjects)
-- ---------------------------------------------------------------------------------------------------

-- ĐTBmhk = (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (number of ĐĐGtx + 5), rounded to one decimal half up.
-- Returns null while the average is not computable: midterm or final missing, or fewer regular scores
-- than required_regular (TT22: 2 up to 35 periods a year, 3 up to 70, 4 above — see
-- public.required_regular_assessments). Null elements of regular are entries not given yet and do
-- not count. Callers: any signed-in user. Cost: linear in the number of regular scores.
create function public.tt22_semester_average(regular numeric[], midterm numeric, final numeric, required_regular int)
returns numeric
language sql immutable set search_path = ''
as $$
  select case
    when midterm is null or final is null or regular is null then null
    when coalesce(cardinality(array_remove(regular, null)), 0) < greatest(coalesce(required_regular, 1), 1) then null
    else round(
      ((select sum(r) from unnest(array_remove(regular, null)) r) + 2 * midterm + 3 * final)
        / (cardinality(array_remove(regular, null)) + 5),
      1)
  end
$$;
comment on function public.tt22_semester_average(numeric[], numeric, numeric, int) is
  'TT22 ĐTBmhk rounded to one decimal half up; null when midterm/final is missing or fewer than required_regular regular scores exist. Any signed-in user; cost linear in the regular scores.';
revoke execute on function public.tt22_semester_average(numeric[], numeric, numeric, int) from public, anon;
grant execute on function public.tt22_semester_average(numeric[], numeric, numeric, int) to authenticated, service_role;

-- The same with "at least one regular score" as the requirement (a preview before the required count
-- is known). Callers: any signed-in user. Cost: linear in the number of regular scores.
create function public.tt22_semester_average(regular numeric[], midterm numeric, final numeric)
returns numeric
language sql immutable set search_path = ''
as $$ select public.tt22_semester_average(regular, midterm, final, 1) $$;
comment on function public.tt22_semester_average(numeric[], numeric, numeric) is
  'TT22 ĐTBmhk rounded to one decimal half up; null when midterm/final is missing or there is no regular score. Any signed-in user; cost linear in the regular scores.';
revoke execute on function public.tt22_semester_average(numeric[], numeric, numeric) from public, anon;
grant execute on function public.tt22_semester_average(numeric[], numeric, numeric) to authenticated, service_role;

-- ĐTBmcn = (ĐTBmhk I + 2·ĐTBmhk II) / 3 from the already rounded semester averages, rounded to one
-- decimal half up; null if either semester is null. Callers: any signed-in user. Cost: constant.
create function public.tt22_year_average(sem1 numeric, sem2 numeric) returns numeric
language sql immutable set search_path = ''
as $$ select round((sem1 + 2 * sem2) / 3, 1) $$;
comment on function public.tt22_year_average(numeric, numeric) is
  'TT22 ĐTBmcn = (ĐTBmhk I + 2·ĐTBmhk II)/3 rounded to one decimal half up; null if either is null. Any signed-in user; constant cost.';
revoke execute on function public.tt22_year_average(numeric, numeric) from public, anon;
grant execute on function public.tt22_year_average(numeric, numeric) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Comment-only subjects (Đạt / Chưa đạt)
-- ---------------------------------------------------------------------------------------------------

-- Semester rating of a comment-only subject: true (Đạt) when at least `required` ratings exist and all
-- are Đạt, false (Chưa đạt) when they exist and one is Chưa đạt, null while fewer than `required` exist
-- (null elements are ratings not given yet). The year rating is the semester II rating. Callers: any
-- signed-in user. Cost: linear in the number of ratings.
create function public.tt22_comment_subject_rating(ratings boolean[], required int) returns boolean
language sql immutable set search_path = ''
as $$
  select case
    when ratings is null then null
    when coalesce(cardinality(array_remove(ratings, null)), 0) < greatest(coalesce(required, 1), 1) then null
    else not (false = any (ratings))
  end
$$;
comment on function public.tt22_comment_subject_rating(boolean[], int) is
  'TT22 semester rating of a comment-only subject: true = Đạt (required ratings exist, all Đạt), false = Chưa đạt, null = incomplete. Any signed-in user; cost linear in the ratings.';
revoke execute on function public.tt22_comment_subject_rating(boolean[], int) from public, anon;
grant execute on function public.tt22_comment_subject_rating(boolean[], int) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Learning result (kết quả học tập), per semester and per year
-- ---------------------------------------------------------------------------------------------------

-- The level from the thresholds alone (before the one-subject adjustment), over the subject averages
-- of the period (ĐTBmhk for a semester, ĐTBmcn for the year) and the comment-only ratings:
--   tot:  all comment-only Đạt; every scored ≥ 6.5; at least 6 scored ≥ 8.0
--   kha:  all comment-only Đạt; every scored ≥ 5.0; at least 6 scored ≥ 6.5
--   dat:  at most one comment-only Chưa đạt; at least 6 scored ≥ 5.0; none < 3.5
--   chua_dat: otherwise.
-- Null when either array is null or holds a null (a subject not computable yet). Callers: any signed-in
-- user. Cost: linear in the number of subjects.
create function public.tt22_learning_level_unadjusted(scored numeric[], comment_passed boolean[]) returns text
language sql immutable set search_path = ''
as $$
  with s as (
    select count(*) filter (where v < 3.5) as under_35,
           count(*) filter (where v < 5.0) as under_50,
           count(*) filter (where v < 6.5) as under_65,
           count(*) filter (where v >= 5.0) as from_50,
           count(*) filter (where v >= 6.5) as from_65,
           count(*) filter (where v >= 8.0) as from_80
    from unnest(scored) v
  ), c as (
    select count(*) filter (where not p) as failed from unnest(comment_passed) p
  )
  select case
    when scored is null or comment_passed is null or array_position(scored, null) is not null
      or array_position(comment_passed, null) is not null then null
    when c.failed = 0 and s.under_65 = 0 and s.from_80 >= 6 then 'tot'
    when c.failed = 0 and s.under_50 = 0 and s.from_65 >= 6 then 'kha'
    when c.failed <= 1 and s.from_50 >= 6 and s.under_35 = 0 then 'dat'
    else 'chua_dat'
  end
  from s, c
$$;
comment on function public.tt22_learning_level_unadjusted(numeric[], boolean[]) is
  'TT22 learning level from the thresholds alone (tot/kha/dat/chua_dat), before the one-subject adjustment; null when a subject is incomplete. Any signed-in user; cost linear in the subjects.';
revoke execute on function public.tt22_learning_level_unadjusted(numeric[], boolean[]) from public, anon;
grant execute on function public.tt22_learning_level_unadjusted(numeric[], boolean[]) to authenticated, service_role;

-- THE one place of the one-subject adjustment (điều chỉnh mức đánh giá kết quả học tập). Rule, as in
-- docs/DOMAIN.md §2: if one single subject drags the level down two or more levels, the level is raised
-- by one. -- confirm: the exact TT22/2021 clause is not quoted in our regulation seed; the reading
-- implemented is TT22 Điều 9 as we understand it ("nếu mức đánh giá … bị thấp xuống từ 02 mức trở lên so
-- với mức Tốt/Khá chỉ do kết quả đánh giá của 01 môn học thì được điều chỉnh lên mức liền kề").
-- "Only because of one subject" is decided by leaving that subject out: for each subject (scored or
-- comment-only) the thresholds are applied to the others; the best such level is what the student
-- would have had but for one subject. When it is at least two levels above `level` (so it is Tốt or
-- Khá), `level` is raised by exactly one level; otherwise `level` is returned unchanged. Null in, null
-- out. Callers: any signed-in user. Cost: quadratic in the number of subjects (about 15, so trivial).
create function public.tt22_apply_one_subject_adjustment(scored numeric[], comment_passed boolean[], level text)
returns text
language sql immutable set search_path = ''
as $$
  with but_for_one as (
    select public.tt22_learning_level_unadjusted(scored[:i - 1] || scored[i + 1:], comment_passed) as l
    from generate_subscripts(scored, 1) i
    union all
    select public.tt22_learning_level_unadjusted(scored, comment_passed[:j - 1] || comment_passed[j + 1:])
    from generate_subscripts(comment_passed, 1) j
  ), best as (
    select max(public.tt22_level_rank(l)) as r from but_for_one
  )
  select case
    when level is null or scored is null or comment_passed is null then null
    when best.r - public.tt22_level_rank(level) >= 2 then public.tt22_level_of_rank(public.tt22_level_rank(level) + 1)
    else public.tt22_level_of_rank(public.tt22_level_rank(level))
  end
  from best
$$;
comment on function public.tt22_apply_one_subject_adjustment(numeric[], boolean[], text) is
  'TT22 one-subject adjustment: raises level by one when leaving out a single subject would give a level two or more above it; otherwise returns level. Any signed-in user; cost quadratic in the subjects (tiny).';
revoke execute on function public.tt22_apply_one_subject_adjustment(numeric[], boolean[], text) from public, anon;
grant execute on function public.tt22_apply_one_subject_adjustment(numeric[], boolean[], text) to authenticated, service_role;

-- The learning result of a semester or year: the thresholds, then the one-subject adjustment.
-- scored: the subject averages (ĐTBmhk or ĐTBmcn) of the scored subjects; comment_passed: Đạt (true) /
-- Chưa đạt (false) per comment-only subject. Returns 'tot' | 'kha' | 'dat' | 'chua_dat', or null while
-- a subject is incomplete. Callers: any signed-in user. Cost: quadratic in the subjects (tiny).
create function public.tt22_learning_level(scored numeric[], comment_passed boolean[]) returns text
language sql immutable set search_path = ''
as $$
  select public.tt22_apply_one_subject_adjustment(scored, comment_passed,
    public.tt22_learning_level_unadjusted(scored, comment_passed))
$$;
comment on function public.tt22_learning_level(numeric[], boolean[]) is
  'TT22 kết quả học tập (tot/kha/dat/chua_dat) with the one-subject adjustment; null while a subject is incomplete. Any signed-in user; cost quadratic in the subjects (tiny).';
revoke execute on function public.tt22_learning_level(numeric[], boolean[]) from public, anon;
grant execute on function public.tt22_learning_level(numeric[], boolean[]) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Conduct (kết quả rèn luyện) of the year
-- ---------------------------------------------------------------------------------------------------

-- The year conduct level from the two semester levels set by the GVCN; it follows semester II:
--   tot      = II tot & I ≥ kha
--   kha      = II kha & I ≥ dat, or II dat & I tot, or II tot & I ≤ dat
--   dat      = II dat & I ≤ kha, or II kha & I chua_dat
--   chua_dat = otherwise (II chua_dat).
-- Null if either is null; an error for an unknown level. Callers: any signed-in user. Cost: constant.
create function public.tt22_year_conduct(sem1 text, sem2 text) returns text
language sql immutable set search_path = ''
as $$
  select case
    when r.i is null or r.ii is null then null
    when r.ii = 3 then case when r.i >= 2 then 'tot' else 'kha' end
    when r.ii = 2 then case when r.i >= 1 then 'kha' else 'dat' end
    when r.ii = 1 then case when r.i = 3 then 'kha' else 'dat' end
    else 'chua_dat'
  end
  from (select public.tt22_level_rank(sem1) as i, public.tt22_level_rank(sem2) as ii) r
$$;
comment on function public.tt22_year_conduct(text, text) is
  'TT22 year conduct level (tot/kha/dat/chua_dat) from the semester I and II levels; null if either is missing. Any signed-in user; constant cost.';
revoke execute on function public.tt22_year_conduct(text, text) from public, anon;
grant execute on function public.tt22_year_conduct(text, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Promotion (lên lớp) and awards
-- ---------------------------------------------------------------------------------------------------

-- The promotion decision from the year conduct, the year learning result and the absences (sessions,
-- excused and unexcused together, one session a day). Rules in this order, the first that applies wins:
--   1. absences > 45                          → 'not_promoted' (45 is allowed, 46 is not; no second chance)
--   2. conduct chua_dat                       → 'summer_training' (rèn luyện trong hè, re-rated by the GVCN),
--                                               before any re-test; 'not_promoted' if already done
--   3. learning chua_dat (conduct ≥ dat)      → 'retest' (kiểm tra lại: scored subjects with ĐTBmcn < 5.0,
--                                               comment-only Chưa đạt); 'not_promoted' if already done
--   4. otherwise                              → 'promoted'.
-- After the summer training or the re-test the new levels replace the year ones and this is called again
-- with the matching flag set. Null while any input is null; an error for an unknown level or negative
-- absences. Callers: any signed-in user. Cost: constant.
create function public.tt22_promotion(conduct_year text, learning_year text, absences int,
                                      summer_training_done boolean, retest_done boolean) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  conduct int := public.tt22_level_rank(conduct_year);
  learning int := public.tt22_level_rank(learning_year);
begin
  if absences < 0 then
    raise exception 'Số buổi nghỉ không thể âm: %', absences using errcode = '22023';
  end if;
  if conduct is null or learning is null or absences is null
     or summer_training_done is null or retest_done is null then
    return null;
  end if;
  if absences > 45 then
    return 'not_promoted';
  end if;
  if conduct = 0 then
    return case when summer_training_done then 'not_promoted' else 'summer_training' end;
  end if;
  if learning = 0 then
    return case when retest_done then 'not_promoted' else 'retest' end;
  end if;
  return 'promoted';
end $$;
comment on function public.tt22_promotion(text, text, int, boolean, boolean) is
  'TT22 promotion: not_promoted (absences > 45, or still chua_dat after the second chance), summer_training (conduct chua_dat, before any re-test), retest (learning chua_dat), promoted. Any signed-in user; constant cost.';
revoke execute on function public.tt22_promotion(text, text, int, boolean, boolean) from public, anon;
grant execute on function public.tt22_promotion(text, text, int, boolean, boolean) to authenticated, service_role;

-- The first decision of the year (no summer training or re-test done yet): 'promoted' | 'retest' |
-- 'summer_training' | 'not_promoted'. Callers: any signed-in user. Cost: constant.
create function public.tt22_promotion(conduct_year text, learning_year text, absences int) returns text
language sql immutable set search_path = ''
as $$ select public.tt22_promotion(conduct_year, learning_year, absences, false, false) $$;
comment on function public.tt22_promotion(text, text, int) is
  'TT22 promotion at the end of the year, before any second chance: promoted / retest / summer_training / not_promoted. Any signed-in user; constant cost.';
revoke execute on function public.tt22_promotion(text, text, int) from public, anon;
grant execute on function public.tt22_promotion(text, text, int) to authenticated, service_role;

-- The award of the year: 'xuat_sac' (Học sinh Xuất sắc: conduct tot, learning tot, at least 6 scored
-- subjects with ĐTBmcn ≥ 9.0), 'gioi' (Học sinh Giỏi: conduct tot and learning tot), otherwise null.
-- Null elements of subject_year_averages do not count. Callers: any signed-in user. Cost: linear in the
-- subjects.
create function public.tt22_award(conduct_year text, learning_year text, subject_year_averages numeric[]) returns text
language sql immutable set search_path = ''
as $$
  select case
    when public.tt22_level_rank(conduct_year) is distinct from 3
      or public.tt22_level_rank(learning_year) is distinct from 3 then null
    when (select count(*) from unnest(subject_year_averages) v where v >= 9.0) >= 6 then 'xuat_sac'
    else 'gioi'
  end
$$;
comment on function public.tt22_award(text, text, numeric[]) is
  'TT22 award: xuat_sac (tot/tot and ≥ 6 subjects with ĐTBmcn ≥ 9.0), gioi (tot/tot), else null. Any signed-in user; cost linear in the subjects.';
revoke execute on function public.tt22_award(text, text, numeric[]) from public, anon;
grant execute on function public.tt22_award(text, text, numeric[]) to authenticated, service_role;
