-- TT27 entries in the one gradebook (issue 6: reuse the entries, locks, concurrency and audit of TT22).
-- A primary subject's assessment at a period is one score_entries row: kind 'gk' (giữa kỳ) or 'ck'
-- (cuối kỳ) of semester 1 or 2 — gk1, ck1, gk2 and ck2 = cuối năm — holding
--   level   T / H / C (Hoàn thành tốt / Hoàn thành / Chưa hoàn thành),
--   score   the periodic test score where TT27 requires one (an integer 1–10),
--   comment the teacher's comment.
-- Secondary rows never use level or comment (TT22 comments live in subject_comments). Qualities and
-- competencies are rated by the GVCN in quality_ratings, at the same four periods.

alter table public.score_entries
  add column level text constraint score_entries_level_check check (level in ('T', 'H', 'C')),
  add column comment text constraint score_entries_comment_check check (length(comment) <= 2000);
comment on column public.score_entries.level is 'TT27 (primary): mức đạt được T/H/C of the period; null for secondary rows.';
comment on column public.score_entries.comment is 'TT27 (primary): the teacher''s comment for the period; null for secondary rows.';
alter table public.score_entries drop constraint score_entries_value_check,
  add constraint score_entries_value_check check (
    (score is null) <> (rating is null)                       -- TT22: a score or a rating
    or (rating is null and (level is not null or comment is not null)));  -- TT27: a level, a test score, a comment

-- The period code of a primary entry (gk1, ck1, gk2, cn).
create function private.tt27_period(p_semester int, p_kind public.entry_kind) returns text
language sql immutable set search_path = ''
as $$ select case when p_kind::text = 'gk' then 'gk' || p_semester when p_semester = 1 then 'ck1' else 'cn' end $$;
grant execute on function private.tt27_period(int, public.entry_kind) to authenticated, service_role;

-- The class rules, for every writer, by the school level of the subject. TT22 as before; TT27: only
-- mid- and end-of-semester rows, no Đ/CĐ, a test score only where TT27 requires a test, and then an
-- integer 1–10.
create or replace function private.check_score_entries() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  bad record;
begin
  with r as (
    select n.kind, n.seq, n.score, n.rating, n.level, n.comment, n.semester, s.full_name as student_name,
           sub.name as subject_name, sub.code as subject_code, sub.assessment_kind, sub.category, sub.school_level,
           c.name as class_name, c.grade,
           greatest(y.max_regular_assessments, public.required_regular_assessments(cs.periods_per_year)) as max_tx,
           exists (select 1 from public.enrolments e where e.student_id = n.student_id and e.class_id = n.class_id) as enrolled,
           exists (select 1 from public.subject_exemptions x where x.student_id = n.student_id and x.subject_id = n.subject_id
                     and x.school_year_id = n.school_year_id and (x.semester is null or x.semester = n.semester)) as exempt
    from new_rows n
    join public.students s on s.id = n.student_id
    join public.subjects sub on sub.id = n.subject_id
    join public.classes c on c.id = n.class_id
    join public.school_years y on y.id = n.school_year_id
    join public.class_subjects cs on cs.class_id = n.class_id and cs.subject_id = n.subject_id
  )
  select * into bad from r
  where category = 'topic' or not enrolled or exempt
     or (school_level <> 'primary' and ((assessment_kind = 'scored') <> (score is not null) or (kind = 'tx' and seq > max_tx)
                                       or level is not null or comment is not null))
     or (school_level = 'primary' and (kind not in ('gk', 'ck') or rating is not null
                                       or (score is not null and (score <> trunc(score) or score not between 1 and 10
                                                                  or not public.tt27_test_required(subject_code, grade, private.tt27_period(semester, kind))))))
  limit 1;
  if not found then
    return null;
  end if;
  if bad.category = 'topic' then
    raise exception '% không có cột điểm riêng: kết quả chuyên đề được nhập là một ĐĐGtx của môn học tương ứng', bad.subject_name
      using errcode = '22023';
  elsif not bad.enrolled then
    raise exception 'Học sinh % không thuộc lớp %', bad.student_name, bad.class_name using errcode = '22023';
  elsif bad.exempt then
    raise exception 'Học sinh % được miễn môn %: không nhập điểm', bad.student_name, bad.subject_name using errcode = '22023';
  elsif bad.school_level = 'primary' then
    if bad.kind not in ('gk', 'ck') then
      raise exception 'Môn % (tiểu học, Thông tư 27) được đánh giá giữa kỳ và cuối kỳ, không có cột %', bad.subject_name,
        private.entry_label(bad.kind, bad.seq) using errcode = '22023';
    elsif bad.rating is not null then
      raise exception 'Môn % (tiểu học) đánh giá theo mức T, H, C, không nhập Đ/CĐ (%)', bad.subject_name, bad.student_name
        using errcode = '22023';
    elsif not public.tt27_test_required(bad.subject_code, bad.grade, private.tt27_period(bad.semester, bad.kind)) then
      raise exception 'Môn % lớp % không có bài kiểm tra định kì vào thời điểm này (%)', bad.subject_name, bad.class_name,
        bad.student_name using errcode = '22023';
    else
      raise exception 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10: % – môn % ("%")', bad.student_name, bad.subject_name,
        replace(bad.score::text, '.', ',') using errcode = '22023';
    end if;
  elsif bad.level is not null or bad.comment is not null then
    raise exception 'Mức T/H/C và nhận xét theo kỳ chỉ dùng cho tiểu học (Thông tư 27); môn % đánh giá theo Thông tư 22',
      bad.subject_name using errcode = '22023';
  elsif bad.kind = 'tx' and bad.seq > bad.max_tx then
    raise exception 'Môn % lớp % có tối đa % cột ĐĐGtx trong một học kỳ (% – %)', bad.subject_name, bad.class_name,
      bad.max_tx, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  elsif bad.assessment_kind = 'scored' then
    raise exception 'Môn % đánh giá bằng điểm số: hãy nhập điểm từ 0 đến 10, không nhập Đ/CĐ (% – %)',
      bad.subject_name, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  else
    raise exception 'Môn % đánh giá bằng nhận xét: chỉ nhập Đ hoặc CĐ, không nhập điểm số (% – %)',
      bad.subject_name, bad.student_name, private.entry_label(bad.kind, bad.seq) using errcode = '22023';
  end if;
end $$;

-- ---------------------------------------------------------------------------------------------------
-- quality_ratings: phẩm chất and năng lực of a primary student, by the GVCN, at the four periods.
-- ---------------------------------------------------------------------------------------------------
create function public.tt27_quality_codes() returns text[]
language sql immutable set search_path = ''
as $$ select array['yeu_nuoc', 'nhan_ai', 'cham_chi', 'trung_thuc', 'trach_nhiem',
                   'tu_chu_tu_hoc', 'giao_tiep_hop_tac', 'gqvd_sang_tao',
                   'ngon_ngu', 'tinh_toan', 'khoa_hoc', 'cong_nghe', 'tin_hoc', 'tham_mi', 'the_chat'] $$;
comment on function public.tt27_quality_codes() is
  'TT27 qualities (yêu nước, nhân ái, chăm chỉ, trung thực, trách nhiệm), general competencies (tự chủ và tự học, giao tiếp và hợp tác, giải quyết vấn đề và sáng tạo) and specific competencies (ngôn ngữ, tính toán, khoa học, công nghệ, tin học, thẩm mĩ, thể chất), in form order.';
grant execute on function public.tt27_quality_codes() to authenticated, service_role;

create table public.quality_ratings (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  semester smallint not null check (semester in (1, 2)),
  kind text not null check (kind in ('gk', 'ck')),
  code text not null check (code = any (public.tt27_quality_codes())),
  level text not null check (level in ('tot', 'dat', 'ccg')),
  comment text check (length(comment) <= 2000),
  version int not null default 1,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint quality_ratings_one_per_period unique (student_id, school_year_id, semester, kind, code),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.quality_ratings is
  'TT27: a primary student''s quality or competency (code) rated Tốt/Đạt/Cần cố gắng (tot/dat/ccg) by the GVCN at mid or end (kind gk/ck) of semester 1 or 2; ck of semester 2 is the end of year.';
-- A class sheet the GVCN keeps (as conduct_ratings): indexes on the columns the policies filter; read
-- by BGH, the admin board and the clerk, the GVCN and the class's teachers; written by the class's
-- GVCN; versioned, entered_by stamped, students of the class only, audited. Used by quality_ratings and
-- student_measures (the table needs school_id, school_year_id, class_id, student_id, version).
create function private.enable_homeroom_sheet(target regclass) returns void
language plpgsql set search_path = ''
as $$
declare
  t constant text := (select c.relname from pg_class c where c.oid = target);
begin
  execute format('create index %1$s_class_idx on %2$s (class_id)', t, target);
  execute format('create index %1$s_school_idx on %2$s (school_id)', t, target);
  execute format('create index %1$s_year_idx on %2$s (school_year_id)', t, target);
  execute format('alter table %s enable row level security', target);
  execute format('grant select, insert, update, delete on %s to authenticated, service_role', target);
  execute format('revoke truncate, references, trigger on %s from service_role, authenticated, anon', target);
  execute format($f$create policy %1$s_select on %2$s for select to authenticated
    using (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
           or student_id in (select private.homeroom_student_ids())
           or class_id in (select t.class_id from private.taught_class_subjects() t))$f$, t, target);
  execute format('create policy %1$s_insert on %2$s for insert to authenticated with check (class_id in (select private.homeroom_class_ids()))', t, target);
  execute format('create policy %1$s_update on %2$s for update to authenticated using (class_id in (select private.homeroom_class_ids())) with check (class_id in (select private.homeroom_class_ids()))', t, target);
  execute format('create policy %1$s_delete on %2$s for delete to authenticated using (class_id in (select private.homeroom_class_ids()))', t, target);
  execute format($f$comment on policy %1$s_select on %2$s is 'As conduct_ratings: BGH, the admin board, the clerk; the GVCN; the class''s teachers.'$f$, t, target);
  execute format($f$comment on policy %1$s_insert on %2$s is 'The GVCN records rows of their class.'$f$, t, target);
  execute format($f$comment on policy %1$s_update on %2$s is 'The GVCN changes rows of their class.'$f$, t, target);
  execute format($f$comment on policy %1$s_delete on %2$s is 'The GVCN removes rows of their class (audited).'$f$, t, target);
  execute format('create trigger %1$s_version before update on %2$s for each row execute function private.bump_version()', t, target);
  execute format('create trigger %1$s_entered_by before insert or update on %2$s for each row execute function private.stamp_entered_by()', t, target);
  execute format('create trigger %1$s_check_insert after insert on %2$s referencing new table as new_rows for each statement execute function private.check_class_rows()', t, target);
  execute format('create trigger %1$s_check_update after update on %2$s referencing new table as new_rows for each statement execute function private.check_class_rows()', t, target);
  perform private.enable_audit(target);
end $$;
revoke execute on function private.enable_homeroom_sheet(regclass) from public, anon, authenticated;

select private.enable_homeroom_sheet('public.quality_ratings');
-- Assessments of a period: the gradebook locks cover them (student_measures, a yearly record, not).
create trigger quality_ratings_lock_insert after insert on public.quality_ratings referencing new table as new_rows
  for each statement execute function private.refuse_locked_writes();
create trigger quality_ratings_lock_update after update on public.quality_ratings referencing old table as old_rows new table as new_rows
  for each statement execute function private.refuse_locked_writes();
create trigger quality_ratings_lock_delete after delete on public.quality_ratings referencing old table as old_rows
  for each statement execute function private.refuse_locked_writes();

-- The audit log: quality ratings are read as the other gradebook rows.
alter policy audit_log_select on public.audit_log
  using (
    school_id in (select private.my_school_ids('{admin_board,principal,vice_principal,it_staff}'))
    or actor_id = (select auth.uid())
    or (table_name in ('classes', 'class_subjects', 'teaching_assignments', 'departments', 'department_members', 'school_years',
                       'lock_decisions', 'gradebook_locks')
        and school_id in (select private.my_school_ids(private.school_staff_roles())))
    or (table_name in ('students', 'enrolments', 'subject_exemptions')
        and (school_id in (select private.my_school_ids(private.school_wide_student_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.taught_student_ids() x)))
    or (table_name in ('student_details', 'guardians')
        and (school_id in (select private.my_school_ids(private.full_profile_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.full_profile_family_ids() x)))
    or (table_name in ('score_entries', 'subject_comments', 'conduct_ratings', 'attendance', 'quality_ratings')
        and (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
             or student_ids && (select coalesce(array_agg(x), '{}') from private.homeroom_student_ids() x)))
  );

-- ---------------------------------------------------------------------------------------------------
-- primary_results (view): the TT27 year result per primary student and class — each subject's end-of-
-- year level and required test score, the end-of-year qualities and competencies, the result and the
-- programme completion — from the entries through the rule functions of 002300. Security invoker:
-- the entries' RLS applies; the same readers as student_results.
-- ---------------------------------------------------------------------------------------------------
create view public.primary_results with (security_invoker = true) as
with pupils as (
  select e.student_id, e.school_id, e.school_year_id, e.class_id, c.grade
  from public.enrolments e join public.classes c on c.id = e.class_id
  join public.org_units o on o.id = c.school_id
  where e.end_reason is distinct from 'class_change' and o.school_level = 'primary'
), subjects as (
  select p.student_id, p.class_id, s.id as subject_id, s.code, s.name, s.sort_order,
         x.level, x.score, public.tt27_test_required(s.code, p.grade, 'cn') as tested
  from pupils p
  join public.class_subjects cs on cs.class_id = p.class_id
  join public.subjects s on s.id = cs.subject_id and s.category <> 'topic'
  left join public.score_entries x on x.student_id = p.student_id and x.subject_id = s.id and x.school_year_id = p.school_year_id
    and x.semester = 2 and x.kind = 'ck'
  where not exists (select 1 from public.subject_exemptions ex where ex.student_id = p.student_id and ex.subject_id = s.id
                      and ex.school_year_id = p.school_year_id)
), per_student as (
  select p.student_id, p.school_id, p.school_year_id, p.class_id, p.grade,
         (select array_agg(sb.level order by sb.sort_order) from subjects sb where sb.student_id = p.student_id and sb.class_id = p.class_id) as levels,
         (select array_agg(sb.score::int order by sb.sort_order) filter (where sb.tested) from subjects sb where sb.student_id = p.student_id and sb.class_id = p.class_id) as tests,
         (select jsonb_object_agg(sb.subject_id, jsonb_build_object('level', sb.level, 'score', sb.score)) from subjects sb where sb.student_id = p.student_id and sb.class_id = p.class_id) as subjects,
         (select array_agg(q.level order by array_position(public.tt27_quality_codes(), q.code))
          from unnest(public.tt27_quality_codes()) code_list (code)
          left join public.quality_ratings q on q.code = code_list.code and q.student_id = p.student_id
            and q.school_year_id = p.school_year_id and q.semester = 2 and q.kind = 'ck') as qualities
  from pupils p
)
select r.student_id, r.school_id, r.school_year_id, r.class_id, r.grade, r.subjects, r.levels, r.tests, r.qualities,
       res.year_result, public.tt27_programme_completion(res.year_result, r.grade) as completion
from per_student r
cross join lateral (select public.tt27_year_result(r.levels, r.qualities, r.tests) as year_result offset 0) res
where (select private.reads_all_gradebooks())
   or r.school_id in (select private.my_school_ids(private.gradebook_school_roles()))
   or r.student_id in (select private.homeroom_student_ids());
comment on view public.primary_results is
  'Kết quả giáo dục (TT27) per primary student and class for the year: subjects {subject_id: {level, score}} at the end of the year, the qualities and competencies, year_result (xuat_sac/tot/hoan_thanh/chua_hoan_thanh; null while incomplete) and completion (lop_hoc/tieu_hoc/chua). BGH, the admin board, the clerk and the GVCN.';
grant select on public.primary_results to authenticated, service_role;
