-- The school health module (issue 16; TTLT 13/2016/TTLT-BYT-BGDĐT, seed 001 Điều 8): the nurse's
-- health book of every student (sổ theo dõi sức khỏe học sinh), its measurements, screenings, clinic
-- visits and notices to families, and who reads what — all in RLS and in security-definer functions
-- that check the caller first.
--
-- Who reads what:
--   - the nurse (role `nurse` of the school this year) reads and writes the school's health data;
--   - a primary school with no nurse that year: the class's GVCN keeps the measurements of the class
--     (height and weight print on the TT27 transcript), and reads those only;
--   - guardians and the student read their own book and notices (RLS), and acknowledge a notice (rpc);
--   - BGH (principal, vice principal) read a student's whole book only through rpc health_book, which
--     writes health_access_log first (BGH and the nurse read the log); the REST tables refuse them;
--   - a GVCN reads rpc class_health_alerts for the class (allergies, chronic conditions with their action
--     plans, screening findings that need follow-up) — never measurements or clinic notes; every teacher
--     of the class reads, there, that a student has an alert and, for a severe one, its action plan;
--   - Phòng and Sở officers read rpc health_report's counts of their schools, any count under 5 shown as
--     "< 5"; nobody else reads anything.
--
-- One source for height and weight: public.student_measures (entered by the primary GVCN until now) is
-- the health book's measurement table — several per year, each with its date, blood pressure, heart
-- rate, vision and the nutrition status computed from the WHO 2007 reference (20261204006000). The TT27
-- transcript prints the year's latest height and weight from it.

-- ---------------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------------

-- The schools where the caller is the nurse this year.
create function private.nurse_school_ids() returns setof uuid
language sql stable security definer rows 2 set search_path = ''
as $$ select private.my_school_ids('{nurse}') $$;
revoke execute on function private.nurse_school_ids() from public, anon;
grant execute on function private.nurse_school_ids() to authenticated, service_role;

-- The students whose family the caller is (guardian) or who the caller is (student account).
create function private.family_student_ids() returns setof uuid
language sql stable security definer rows 3 set search_path = ''
as $$
  select g.student_id from public.guardians g where g.profile_id = (select auth.uid())
  union
  select s.id from public.students s where s.profile_id = (select auth.uid())
$$;
revoke execute on function private.family_student_ids() from public, anon;
grant execute on function private.family_student_ids() to authenticated, service_role;

-- Whether the school has a nurse in the school year.
create function private.school_has_nurse(p_school_id uuid, p_school_year_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.memberships m
                 where m.org_unit_id = p_school_id and m.school_year_id = p_school_year_id and m.role = 'nurse')
$$;
revoke execute on function private.school_has_nurse(uuid, uuid) from public, anon;
grant execute on function private.school_has_nurse(uuid, uuid) to authenticated, service_role;

-- The classes whose measurements the caller keeps as GVCN: a primary class of a school without a nurse
-- in the class's year.
create function private.measure_keeper_class_ids() returns setof uuid
language plpgsql stable security definer rows 2 set search_path = ''
as $$ begin
  return query
  select c.id from public.classes c join public.org_units o on o.id = c.school_id
  where c.id in (select private.homeroom_class_ids()) and o.school_level = 'primary'
    and not private.school_has_nurse(c.school_id, c.school_year_id);
end $$;
revoke execute on function private.measure_keeper_class_ids() from public, anon;
grant execute on function private.measure_keeper_class_ids() to authenticated, service_role;

-- Vietnamese labels of the vocabularies (the screens and the PDF use the same words).
create function public.health_label(p_value text) returns text
language sql immutable set search_path = ''
as $$
  select case p_value
    when 'mild' then 'nhẹ' when 'moderate' then 'trung bình' when 'severe' then 'nặng'
    when 'vision' then 'Mắt (thị lực, tật khúc xạ)' when 'spine' then 'Cong vẹo cột sống' when 'dental' then 'Răng miệng'
    when 'ent' then 'Tai mũi họng' when 'mental' then 'Sức khỏe tâm thần'
    when 'normal' then 'Bình thường' when 'finding' then 'Có vấn đề (theo dõi)' when 'referred' then 'Chuyển khám chuyên khoa'
    when 'back_to_class' then 'Trở lại lớp' when 'sent_home' then 'Về nhà (gia đình đón)' when 'hospital' then 'Chuyển cơ sở y tế'
    when 'yearly' then 'Thông báo sức khỏe hằng năm' when 'follow_up' then 'Thông báo cần theo dõi, điều trị'
    else p_value end
$$;
grant execute on function public.health_label(text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- The health book's general part: one book per student (a student row belongs to one school, so to one
-- school level), its chronic conditions, allergies and vaccinations.
-- ---------------------------------------------------------------------------------------------------
create table public.health_books (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null,
  disabilities text check (length(disabilities) <= 2000),
  special_needs text check (length(special_needs) <= 2000),
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint health_books_one_per_student unique (school_id, student_id),
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.health_books is 'Sổ theo dõi sức khỏe học sinh (Mẫu 01): the general part — khuyết tật, nhu cầu đặc biệt. Chronic conditions, allergies, vaccinations in their tables.';

create table public.health_conditions (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  icd10 text check (icd10 ~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$'),
  severity text not null default 'moderate' check (severity in ('mild', 'moderate', 'severe')),
  triggers text check (length(triggers) <= 1000),
  action_plan text check (length(action_plan) <= 4000),
  active boolean not null default true,
  noted_on date,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.health_conditions is 'Bệnh mạn tính: name, ICD-10 (optional), severity, triggers and the action plan a teacher follows in an emergency (required when severe).';

create table public.health_allergies (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null,
  agent text not null check (length(btrim(agent)) between 1 and 200),
  reaction text check (length(reaction) <= 500),
  severity text not null default 'moderate' check (severity in ('mild', 'moderate', 'severe')),
  action_plan text check (length(action_plan) <= 4000),
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.health_allergies is 'Dị ứng: agent, reaction, severity; a severe allergy (anaphylaxis) carries an action plan.';

create table public.health_vaccinations (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null,
  vaccine text not null check (length(btrim(vaccine)) between 1 and 200),
  dose smallint check (dose between 1 and 10),
  given_on date,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.health_vaccinations is 'Tiêm chủng: vaccine, dose, date.';

-- A severe condition or allergy needs the plan a teacher follows (said in Vietnamese, before the checks).
create function private.check_health_general() returns trigger
language plpgsql set search_path = ''
as $$ begin
  if new.severity = 'severe' and coalesce(btrim(new.action_plan), '') = '' then
    raise exception 'Tình trạng nặng cần có hướng xử trí khẩn cấp để giáo viên làm theo.' using errcode = '23514';
  end if;
  if tg_table_name = 'health_conditions' and new.icd10 is not null and new.icd10 !~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$' then
    raise exception 'Mã ICD-10 "%" không đúng dạng (ví dụ J45 hoặc J45.0).', new.icd10 using errcode = '23514';
  end if;
  return new;
end $$;
create trigger health_conditions_check before insert or update on public.health_conditions for each row execute function private.check_health_general();
create trigger health_allergies_check before insert or update on public.health_allergies for each row execute function private.check_health_general();

-- ---------------------------------------------------------------------------------------------------
-- Measurements: public.student_measures becomes the book's measurement table (one source).
-- ---------------------------------------------------------------------------------------------------
alter table public.student_measures drop constraint student_measures_one_per_year;
alter table public.student_measures drop constraint student_measures_value_check;
alter table public.student_measures
  add column measured_on date,
  add column systolic smallint check (systolic between 60 and 200),
  add column diastolic smallint check (diastolic between 30 and 130),
  add column heart_rate smallint check (heart_rate between 30 and 220),
  add column vision_left smallint check (vision_left between 0 and 10),
  add column vision_right smallint check (vision_right between 0 and 10),
  add column vision_left_glasses smallint check (vision_left_glasses between 0 and 10),
  add column vision_right_glasses smallint check (vision_right_glasses between 0 and 10),
  add column note text check (length(note) <= 1000),
  add column age_months int,
  add column bmi numeric,
  add column bmi_z numeric,
  add column height_z numeric,
  add column bmi_status text,
  add column height_status text;
-- Rows entered before (one per year, by the GVCN): dated at the start of semester II.
update public.student_measures m set measured_on = y.semester2_starts_on
from public.school_years y where y.id = m.school_year_id and m.measured_on is null;
alter table public.student_measures alter column measured_on set not null, alter column measured_on set default public.app_today();
alter table public.student_measures add constraint student_measures_one_per_day unique (school_id, student_id, measured_on);
alter table public.student_measures add constraint student_measures_value_check check (
  num_nonnulls(height_cm, weight_kg, systolic, diastolic, heart_rate, vision_left, vision_right, vision_left_glasses, vision_right_glasses) > 0);
create index student_measures_student_idx on public.student_measures (student_id, school_year_id, measured_on desc);
comment on table public.student_measures is
  'Đo sức khỏe (health book, per measurement): date, chiều cao (cm), cân nặng (kg), BMI and the WHO 2007 nutrition status (computed), huyết áp, mạch, thị lực (n/10, each eye, without and with glasses). By the nurse; in a primary school without a nurse, height and weight by the GVCN. The TT27 transcript prints the year''s latest height and weight.';
comment on column public.student_measures.vision_left is 'Thị lực mắt trái không kính, n/10.';

-- Values a person could not have, refused in a sentence (before the table's checks); BMI and the
-- nutrition status computed from the student's sex and age in completed months at the date.
create function private.compute_measure() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  s record;
  y record;
  status jsonb;
begin
  if new.height_cm is not null and (new.height_cm < 50 or new.height_cm > 220) then
    raise exception 'Chiều cao % cm không hợp lệ: nhập từ 50 đến 220 cm.', replace(new.height_cm::text, '.', ',') using errcode = '23514';
  end if;
  if new.weight_kg is not null and (new.weight_kg < 8 or new.weight_kg > 150) then
    raise exception 'Cân nặng % kg không hợp lệ: nhập từ 8 đến 150 kg.', replace(new.weight_kg::text, '.', ',') using errcode = '23514';
  end if;
  if new.height_cm is not null and new.height_cm <> round(new.height_cm, 1) or new.weight_kg is not null and new.weight_kg <> round(new.weight_kg, 1) then
    raise exception 'Chiều cao và cân nặng ghi tối đa một chữ số thập phân.' using errcode = '23514';
  end if;
  if new.systolic is not null and new.systolic not between 60 and 200 or new.diastolic is not null and new.diastolic not between 30 and 130 then
    raise exception 'Huyết áp không hợp lệ: tâm thu 60–200, tâm trương 30–130 mmHg.' using errcode = '23514';
  end if;
  if new.systolic is not null and new.diastolic is not null and new.diastolic >= new.systolic then
    raise exception 'Huyết áp tâm trương phải thấp hơn tâm thu.' using errcode = '23514';
  end if;
  if new.heart_rate is not null and new.heart_rate not between 30 and 220 then
    raise exception 'Mạch % lần/phút không hợp lệ: nhập từ 30 đến 220.', new.heart_rate using errcode = '23514';
  end if;
  if least(new.vision_left, new.vision_right, new.vision_left_glasses, new.vision_right_glasses) < 0
     or greatest(new.vision_left, new.vision_right, new.vision_left_glasses, new.vision_right_glasses) > 10 then
    raise exception 'Thị lực ghi theo thang /10: từ 0 đến 10.' using errcode = '23514';
  end if;
  select y2.starts_on, y2.ends_on into y from public.school_years y2 where y2.id = new.school_year_id;
  if new.measured_on > public.app_today() then
    raise exception 'Ngày đo % chưa đến.', to_char(new.measured_on, 'DD/MM/YYYY') using errcode = '23514';
  end if;
  if found and new.measured_on not between y.starts_on and y.ends_on then
    raise exception 'Ngày đo % không thuộc năm học (%–%).', to_char(new.measured_on, 'DD/MM/YYYY'),
      to_char(y.starts_on, 'DD/MM/YYYY'), to_char(y.ends_on, 'DD/MM/YYYY') using errcode = '23514';
  end if;
  select st.gender, st.birth_date into s from public.students st where st.id = new.student_id;
  new.age_months := case when found then public.age_in_months(s.birth_date, new.measured_on) end;
  if new.height_cm is not null and new.weight_kg is not null and s.gender is not null then
    status := public.nutrition_status(s.gender, new.age_months, new.height_cm, new.weight_kg);
    new.bmi := (status ->> 'bmi')::numeric;
    new.bmi_z := (status ->> 'bmi_z')::numeric;
    new.height_z := (status ->> 'height_z')::numeric;
    new.bmi_status := status ->> 'bmi_status';
    new.height_status := status ->> 'height_status';
  else
    new.bmi := null; new.bmi_z := null; new.height_z := null; new.bmi_status := null; new.height_status := null;
  end if;
  return new;
end $$;
revoke execute on function private.compute_measure() from public, anon, authenticated;
create trigger student_measures_compute before insert or update on public.student_measures
  for each row execute function private.compute_measure();

-- Reads and writes: the nurse of the school; a primary GVCN of a school without a nurse, their class;
-- the family, their own child's. (The homeroom-sheet policies of 20261122002306 are replaced.)
drop policy student_measures_select on public.student_measures;
drop policy student_measures_insert on public.student_measures;
drop policy student_measures_update on public.student_measures;
drop policy student_measures_delete on public.student_measures;
create policy student_measures_select on public.student_measures for select to authenticated
  using (school_id in (select private.nurse_school_ids())
         or class_id in (select private.measure_keeper_class_ids())
         or student_id in (select private.family_student_ids()));
create policy student_measures_insert on public.student_measures for insert to authenticated
  with check (school_id in (select private.nurse_school_ids()) or class_id in (select private.measure_keeper_class_ids()));
create policy student_measures_update on public.student_measures for update to authenticated
  using (school_id in (select private.nurse_school_ids()) or class_id in (select private.measure_keeper_class_ids()))
  with check (school_id in (select private.nurse_school_ids()) or class_id in (select private.measure_keeper_class_ids()));
create policy student_measures_delete on public.student_measures for delete to authenticated
  using (school_id in (select private.nurse_school_ids()) or class_id in (select private.measure_keeper_class_ids()));
comment on policy student_measures_select on public.student_measures is 'The nurse of the school; a primary GVCN of a school without a nurse (their class); the family (own child).';
comment on policy student_measures_insert on public.student_measures is 'The nurse; a primary GVCN of a school without a nurse (their class).';
comment on policy student_measures_update on public.student_measures is 'The nurse; a primary GVCN of a school without a nurse (their class).';
comment on policy student_measures_delete on public.student_measures is 'The nurse; a primary GVCN of a school without a nurse (their class) (audited).';

-- The TT27 transcript's height and weight: the year's latest measurement with both. Read for whoever
-- reads the transcript (private.transcript_json is reached only through the transcript RPCs, which
-- check the caller), so the printer need not read the health book.
create function private.transcript_measures(p_student_id uuid, p_school_year_id uuid, out height_cm numeric, out weight_kg numeric)
language sql stable security definer set search_path = ''
as $$
  select m.height_cm, m.weight_kg from public.student_measures m
  where m.student_id = p_student_id and m.school_year_id = p_school_year_id and (m.height_cm is not null or m.weight_kg is not null)
  order by m.measured_on desc limit 1
$$;
revoke execute on function private.transcript_measures(uuid, uuid) from public, anon;
grant execute on function private.transcript_measures(uuid, uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- Screenings, clinic visits, notices
-- ---------------------------------------------------------------------------------------------------
create table public.health_screenings (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  kind text not null check (kind in ('vision', 'spine', 'dental', 'ent', 'mental')),
  screened_on date not null default public.app_today(),
  examiner text check (length(examiner) <= 200),
  result text not null check (result in ('normal', 'finding', 'referred')),
  note text check (length(note) <= 1000),
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint health_screenings_one_per_day unique (school_id, student_id, kind, screened_on),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.health_screenings is 'Khám sàng lọc (mắt, cong vẹo cột sống, răng miệng, tai mũi họng, sức khỏe tâm thần): per student normal / finding (note) / referred, with date and examiner.';

create table public.clinic_visits (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  -- The app's today (public.app_today(), pinned in the demo and tests) at the time of day in Vietnam.
  arrived_at timestamptz not null
    default ((public.app_today() + (now() at time zone 'Asia/Ho_Chi_Minh')::time) at time zone 'Asia/Ho_Chi_Minh'),
  left_at timestamptz,
  complaint text not null check (length(btrim(complaint)) between 1 and 500),
  findings text check (length(findings) <= 2000),
  treatment text check (length(treatment) <= 2000),
  medicine text check (length(medicine) <= 1000),
  outcome text not null default 'back_to_class' check (outcome in ('back_to_class', 'sent_home', 'hospital')),
  guardian_informed boolean not null default false,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint clinic_visits_times check (left_at is null or left_at >= arrived_at),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.clinic_visits is 'Sổ khám bệnh tại phòng y tế: time in and out, complaint, findings, treatment and medicine, outcome (back to class, sent home, to a health facility), guardian informed.';

create function private.check_clinic_visit() returns trigger
language plpgsql set search_path = ''
as $$ begin
  if new.left_at is not null and new.left_at < new.arrived_at then
    raise exception 'Giờ rời phòng y tế phải sau giờ đến.' using errcode = '23514';
  end if;
  if new.outcome in ('sent_home', 'hospital') and not new.guardian_informed then
    raise exception 'Học sinh về nhà hoặc chuyển cơ sở y tế: cần báo cho gia đình trước khi ghi sổ.' using errcode = '23514';
  end if;
  return new;
end $$;
create trigger clinic_visits_check before insert or update on public.clinic_visits for each row execute function private.check_clinic_visit();

create table public.health_notices (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  student_id uuid not null,
  kind text not null check (kind in ('yearly', 'follow_up')),
  screening_id uuid references public.health_screenings (id) on delete restrict,
  title text not null,
  body text not null,
  sent_at timestamptz not null default now(),
  sent_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  read_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
create unique index health_notices_one_yearly on public.health_notices (student_id, school_year_id) where kind = 'yearly';
create unique index health_notices_one_per_screening on public.health_notices (screening_id) where screening_id is not null;
comment on table public.health_notices is 'Thông báo sức khỏe cho gia đình: the yearly notice and one per screening finding, generated from the book (rpc send_health_notices), read and acknowledged by the guardian (rpc acknowledge_health_notice).';

-- Reads of a book by anyone but the nurse and the family (rpc health_book).
create table public.health_access_log (
  id bigint generated always as identity primary key,
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null,
  reader_id uuid not null references public.profiles (id) on delete restrict,
  reader_roles text not null,
  read_at timestamptz not null default now(),
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
create index health_access_log_school_idx on public.health_access_log (school_id, read_at desc);
create index health_access_log_student_idx on public.health_access_log (student_id);
comment on table public.health_access_log is 'Nhật ký truy cập sổ sức khỏe: every read of a student''s whole book by someone other than the nurse and the family. Written only by rpc health_book; BGH and the nurse read it.';

-- How long a school keeps health data after a student leaves.
create table public.health_settings (
  school_id uuid primary key references public.org_units (id) on delete restrict,
  retention_years smallint not null default 5 check (retention_years between 1 and 50),
  updated_at timestamptz not null default now()
);
comment on table public.health_settings is 'Per school: years the health book is kept after the student leaves the school level (default 5: seed 004 keeps transcript data at least 5 years after a student leaves; the book follows the student on transfer).';

-- ---------------------------------------------------------------------------------------------------
-- Policies, grants, indexes, versions, audit
-- ---------------------------------------------------------------------------------------------------
do $$
declare
  t text;
begin
  foreach t in array array['health_books', 'health_conditions', 'health_allergies', 'health_vaccinations', 'health_screenings', 'clinic_visits'] loop
    execute format('create index %1$s_student_idx on public.%1$s (student_id)', t);
    execute format('create index %1$s_school_idx on public.%1$s (school_id)', t);
    execute format('alter table public.%s enable row level security', t);
    execute format('grant select, insert, update, delete on public.%s to authenticated, service_role', t);
    execute format('revoke truncate, references, trigger on public.%s from service_role, authenticated, anon', t);
    execute format($f$create policy %1$s_select on public.%1$s for select to authenticated
      using (school_id in (select private.nurse_school_ids()) or student_id in (select private.family_student_ids()))$f$, t);
    execute format('create policy %1$s_insert on public.%1$s for insert to authenticated with check (school_id in (select private.nurse_school_ids()))', t);
    execute format('create policy %1$s_update on public.%1$s for update to authenticated using (school_id in (select private.nurse_school_ids())) with check (school_id in (select private.nurse_school_ids()))', t);
    execute format('create policy %1$s_delete on public.%1$s for delete to authenticated using (school_id in (select private.nurse_school_ids()))', t);
    execute format($f$comment on policy %1$s_select on public.%1$s is 'The nurse of the school; the family (own child). BGH read through rpc health_book (logged).'$f$, t);
    execute format($f$comment on policy %1$s_insert on public.%1$s is 'The nurse of the school.'$f$, t);
    execute format($f$comment on policy %1$s_update on public.%1$s is 'The nurse of the school.'$f$, t);
    execute format($f$comment on policy %1$s_delete on public.%1$s is 'The nurse of the school (audited).'$f$, t);
    execute format('create trigger %1$s_version before update on public.%1$s for each row execute function private.bump_version()', t);
    execute format('create trigger %1$s_entered_by before insert or update on public.%1$s for each row execute function private.stamp_entered_by()', t);
    perform private.enable_audit(('public.' || t)::regclass);
  end loop;
  foreach t in array array['health_screenings', 'clinic_visits'] loop
    execute format('create index %1$s_class_idx on public.%1$s (class_id)', t);
    execute format('create index %1$s_year_idx on public.%1$s (school_year_id)', t);
    execute format('create trigger %1$s_check_insert after insert on public.%1$s referencing new table as new_rows for each statement execute function private.check_class_rows()', t);
    execute format('create trigger %1$s_check_update after update on public.%1$s referencing new table as new_rows for each statement execute function private.check_class_rows()', t);
  end loop;
end $$;
-- A book is never deleted through the API (retention: health_settings; the records issue purges).
revoke delete on public.health_books from authenticated;
drop policy health_books_delete on public.health_books;

alter table public.health_notices enable row level security;
grant select, insert on public.health_notices to authenticated;
grant select, insert, update, delete on public.health_notices to service_role;
revoke truncate, references, trigger on public.health_notices from service_role, authenticated, anon;
create index health_notices_school_idx on public.health_notices (school_id, school_year_id);
create index health_notices_student_idx on public.health_notices (student_id);
create index health_notices_year_idx on public.health_notices (school_year_id);
create policy health_notices_select on public.health_notices for select to authenticated
  using (school_id in (select private.nurse_school_ids()) or student_id in (select private.family_student_ids()));
create policy health_notices_insert on public.health_notices for insert to authenticated
  with check (school_id in (select private.nurse_school_ids()));
comment on policy health_notices_select on public.health_notices is 'The nurse of the school; the family (own child).';
comment on policy health_notices_insert on public.health_notices is 'The nurse of the school (rpc send_health_notices generates them).';
select private.enable_audit('public.health_notices');

alter table public.health_access_log enable row level security;
grant select on public.health_access_log to authenticated, service_role;
revoke truncate, references, trigger on public.health_access_log from service_role, authenticated, anon;
create policy health_access_log_select on public.health_access_log for select to authenticated
  using (school_id in (select private.my_school_ids('{principal,vice_principal,nurse}')));
comment on policy health_access_log_select on public.health_access_log is 'BGH and the nurse of the school.';

alter table public.health_settings enable row level security;
grant select, insert, update on public.health_settings to authenticated, service_role;
revoke truncate, references, trigger on public.health_settings from service_role, authenticated, anon;
create policy health_settings_select on public.health_settings for select to authenticated
  using (school_id in (select private.my_school_ids('{principal,vice_principal,nurse}')));
create policy health_settings_insert on public.health_settings for insert to authenticated
  with check (school_id in (select private.my_school_ids('{principal}')));
create policy health_settings_update on public.health_settings for update to authenticated
  using (school_id in (select private.my_school_ids('{principal}'))) with check (school_id in (select private.my_school_ids('{principal}')));
comment on policy health_settings_select on public.health_settings is 'BGH and the nurse.';
comment on policy health_settings_insert on public.health_settings is 'The principal.';
comment on policy health_settings_update on public.health_settings is 'The principal.';
select private.enable_audit('public.health_settings', 'school_id');

-- The class-row check before the unique keys (20261122003207) for the nurse's class tables too: a
-- student not in the class is refused in one sentence, named only to a writer of the class.
create or replace function private.check_student_in_class() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  writes boolean;
begin
  if exists (select 1 from public.enrolments e where e.student_id = new.student_id and e.class_id = new.class_id) then
    return new;
  end if;
  if coalesce((select auth.role()), '') <> 'authenticated' then
    writes := true;
  elsif tg_table_name = 'subject_comments' then
    writes := private.teaches(new.class_id, new.subject_id, new.semester);
  elsif tg_table_name in ('student_measures', 'health_screenings', 'clinic_visits') then
    writes := new.school_id in (select private.nurse_school_ids()) or new.class_id in (select private.measure_keeper_class_ids());
  else
    writes := new.class_id in (select private.homeroom_class_ids());
  end if;
  if writes then
    raise exception 'Học sinh không có trong lớp %', (select c.name from public.classes c where c.id = new.class_id)
      using errcode = '22023';
  end if;
  return new;
end $$;
create trigger health_screenings_student_in_class before insert or update of student_id, class_id on public.health_screenings
  for each row execute function private.check_student_in_class();
create trigger clinic_visits_student_in_class before insert or update of student_id, class_id on public.clinic_visits
  for each row execute function private.check_student_in_class();

-- The TT27 transcript reads height and weight through transcript_measures (the latest of the year).
do $$
declare
  def text := pg_get_functiondef('private.tt27_year_json(uuid, uuid, uuid, jsonb)'::regprocedure);
  old_read constant text := E'select m.height_cm, m.weight_kg into measures\n  from public.student_measures m where m.student_id = p_student_id and m.school_year_id = p_school_year_id;';
begin
  if position(old_read in def) = 0 then
    raise exception 'tt27_year_json changed: update 20261204007000';
  end if;
  execute replace(def, old_read,
    'select m.height_cm, m.weight_kg into measures from private.transcript_measures(p_student_id, p_school_year_id) m;');
end $$;

-- ---------------------------------------------------------------------------------------------------
-- RPCs
-- ---------------------------------------------------------------------------------------------------

-- The student's school, and whether the caller reads the whole book: 'nurse', 'family', 'bgh', or null.
create function private.health_reader(p_student_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select case
    when s.school_id in (select private.nurse_school_ids()) then 'nurse'
    when s.id in (select private.family_student_ids()) then 'family'
    when s.school_id in (select private.my_school_ids('{principal,vice_principal}')) then 'bgh'
  end
  from public.students s where s.id = p_student_id
$$;
revoke execute on function private.health_reader(uuid) from public, anon;
grant execute on function private.health_reader(uuid) to authenticated, service_role;

-- rpc/health_book: a student's whole health book (general part, conditions, allergies, vaccinations,
-- measurements, screenings, clinic visits, notices) for the nurse, the family, and BGH — whose read is
-- written to health_access_log first. Anyone else: one sentence, whether or not the student exists.
create function public.health_book(p_student_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  reader text := private.health_reader(p_student_id);
  st record;
begin
  if reader is null then
    raise exception 'Bạn không được xem sổ theo dõi sức khỏe của học sinh này.' using errcode = '42501';
  end if;
  select s.id, s.school_id, s.full_name, s.student_code, s.gender, s.birth_date into st from public.students s where s.id = p_student_id;
  if reader = 'bgh' then
    insert into public.health_access_log (school_id, student_id, reader_id, reader_roles)
    values (st.school_id, st.id, (select auth.uid()),
            (select string_agg(distinct m.role::text, ',') from public.memberships m
             where m.profile_id = (select auth.uid()) and m.org_unit_id = st.school_id
               and m.school_year_id in (select private.current_school_year_ids())));
  end if;
  return jsonb_build_object(
    'student', jsonb_build_object('id', st.id, 'full_name', st.full_name, 'student_code', st.student_code, 'gender', st.gender, 'birth_date', st.birth_date,
      'class_name', (select c.name from public.enrolments e join public.classes c on c.id = e.class_id
                     where e.student_id = st.id order by e.started_on desc limit 1)),
    'logged', reader = 'bgh',
    'book', (select to_jsonb(b) - 'entered_by' from public.health_books b where b.student_id = st.id),
    'conditions', coalesce((select jsonb_agg(to_jsonb(x) - 'entered_by' order by x.severity desc, x.name) from public.health_conditions x where x.student_id = st.id), '[]'),
    'allergies', coalesce((select jsonb_agg(to_jsonb(x) - 'entered_by' order by x.agent) from public.health_allergies x where x.student_id = st.id), '[]'),
    'vaccinations', coalesce((select jsonb_agg(to_jsonb(x) - 'entered_by' order by x.given_on, x.vaccine) from public.health_vaccinations x where x.student_id = st.id), '[]'),
    'measurements', coalesce((select jsonb_agg(to_jsonb(x) - 'entered_by' || jsonb_build_object('year_code', y.code) order by x.measured_on)
                              from public.student_measures x join public.school_years y on y.id = x.school_year_id where x.student_id = st.id), '[]'),
    'screenings', coalesce((select jsonb_agg(to_jsonb(x) - 'entered_by' || jsonb_build_object('kind_label', public.health_label(x.kind), 'result_label', public.health_label(x.result)) order by x.screened_on, x.kind)
                            from public.health_screenings x where x.student_id = st.id), '[]'),
    'clinic_visits', coalesce((select jsonb_agg(to_jsonb(x) - 'entered_by' || jsonb_build_object('outcome_label', public.health_label(x.outcome)) order by x.arrived_at desc)
                               from public.clinic_visits x where x.student_id = st.id), '[]'),
    'notices', coalesce((select jsonb_agg(to_jsonb(x) - 'sent_by' - 'acknowledged_by' order by x.sent_at desc) from public.health_notices x where x.student_id = st.id), '[]'));
end $$;
comment on function public.health_book(uuid) is 'Sổ theo dõi sức khỏe of one student: the nurse, the family, and BGH (each BGH read written to health_access_log).';
revoke execute on function public.health_book(uuid) from public, anon;
grant execute on function public.health_book(uuid) to authenticated;

-- rpc/class_health_alerts: what a class's teachers need to know. The nurse, BGH and the class's GVCN:
-- allergies, active chronic conditions (with their action plans) and this year's screening findings
-- that need follow-up — never measurements or clinic notes. A teacher of the class: that a student has
-- an alert and, for a severe condition or allergy, its name and action plan. Anyone else: one sentence.
create function public.class_health_alerts(p_class_id uuid)
returns table (student_id uuid, full_name text, kind text, label text, severity text, action_plan text, detail text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  cls record;
  full_view boolean;
begin
  select c.id, c.school_id, c.school_year_id into cls from public.classes c where c.id = p_class_id;
  full_view := found and (cls.school_id in (select private.my_school_ids('{nurse,principal,vice_principal}'))
                          or cls.id in (select private.homeroom_class_ids()));
  if not full_view and not (found and cls.id in (select t.class_id from private.taught_class_subjects() t)) then
    raise exception 'Bạn không xem được cảnh báo sức khỏe của lớp này.' using errcode = '42501';
  end if;
  return query
  with students as (
    select s.id, s.full_name, s.given_name, s.family_name, s.middle_name from public.enrolments e join public.students s on s.id = e.student_id
    where e.class_id = cls.id and e.ended_on is null
  ), alerts as (
    select a.student_id, 'allergy'::text as kind, a.agent as label, a.severity, a.action_plan, a.reaction as detail
    from public.health_allergies a where a.student_id in (select id from students)
    union all
    select c.student_id, 'condition', c.name, c.severity, c.action_plan, c.triggers
    from public.health_conditions c where c.student_id in (select id from students) and c.active
    union all
    select x.student_id, 'finding', public.health_label(x.kind), null, null, public.health_label(x.result) || coalesce(': ' || x.note, '')
    from public.health_screenings x where x.student_id in (select id from students) and x.school_year_id = cls.school_year_id and x.result <> 'normal'
  )
  select s.id, s.full_name, a.kind, a.label, a.severity, a.action_plan, a.detail
  from students s join alerts a on a.student_id = s.id
  where full_view
  union all
  -- A teacher: one 'alert' row per student with any, and the severe ones' plans.
  select s.id, s.full_name, 'alert', null, null, null, null
  from students s where not full_view and exists (select 1 from alerts a where a.student_id = s.id)
  union all
  select s.id, s.full_name, a.kind, a.label, a.severity, a.action_plan, null
  from students s join alerts a on a.student_id = s.id
  where not full_view and a.severity = 'severe'
  order by 2, 3;
end $$;
comment on function public.class_health_alerts(uuid) is 'Cảnh báo sức khỏe of a class: full (allergies, conditions with action plans, follow-up findings) for the nurse, BGH and the GVCN; a teacher of the class only that a student has an alert and severe cases'' action plans.';
revoke execute on function public.class_health_alerts(uuid) from public, anon;
grant execute on function public.class_health_alerts(uuid) to authenticated;

-- A count as an officer reads it: under 5 shown as "< 5" (no child singled out).
create function private.health_count(n bigint, masked boolean) returns jsonb
language sql immutable set search_path = ''
as $$ select case when masked and coalesce(n, 0) < 5 then to_jsonb('< 5'::text) else to_jsonb(coalesce(n, 0)) end $$;

-- rpc/health_report: the school's (or one class's) yearly health report, per grade and sex and in
-- total: enrolled, examined (height and weight this year), thinness, stunting, overweight, obesity
-- (the year's latest measurement), unclassified ages, refractive error, dental disease, spinal
-- curvature, ENT and mental-health findings (screenings not normal), clinic visits, families informed
-- (yearly notice sent). The nurse and BGH read numbers; Phòng and Sở officers above the school read
-- every count under 5 as "< 5". Anyone else: one sentence.
create function public.health_report(p_school_id uuid, p_school_year_id uuid default null, p_class_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  masked boolean;
  yr record;
  rows jsonb;
begin
  if p_school_id in (select private.my_school_ids('{nurse,principal,vice_principal}')) then
    masked := false;
  elsif p_school_id in (select private.my_officer_school_ids()) then
    masked := true;
  else
    raise exception 'Bạn không xem được báo cáo sức khỏe của trường này.' using errcode = '42501';
  end if;
  select y.id, y.code into yr from public.school_years y
  where y.school_id = p_school_id and (y.id = p_school_year_id or p_school_year_id is null and y.id in (select private.current_school_year_ids()));
  if yr.id is null then
    raise exception 'Không có năm học này ở trường.' using errcode = '22023';
  end if;
  if p_class_id is not null and not exists (select 1 from public.classes c where c.id = p_class_id and c.school_year_id = yr.id) then
    raise exception 'Lớp không thuộc năm học này của trường.' using errcode = '22023';
  end if;
  with pupils as (
    select distinct on (e.student_id) e.student_id, c.grade, s.gender
    from public.enrolments e join public.classes c on c.id = e.class_id join public.students s on s.id = e.student_id
    where e.school_year_id = yr.id and (p_class_id is null or e.class_id = p_class_id)
    order by e.student_id, e.ended_on is null desc, e.started_on desc
  ), latest as (
    select distinct on (m.student_id) m.student_id, m.bmi_status, m.height_status
    from public.student_measures m
    where m.school_year_id = yr.id and m.height_cm is not null and m.weight_kg is not null and m.student_id in (select student_id from pupils)
    order by m.student_id, m.measured_on desc
  ), screened as (
    select x.student_id, array_agg(distinct x.kind) filter (where x.result <> 'normal') as kinds
    from public.health_screenings x where x.school_year_id = yr.id and x.student_id in (select student_id from pupils)
    group by x.student_id
  ), visits as (
    select v.student_id, count(*) as n from public.clinic_visits v where v.school_year_id = yr.id and v.student_id in (select student_id from pupils)
    group by v.student_id
  ), informed as (
    select n.student_id from public.health_notices n where n.school_year_id = yr.id and n.kind = 'yearly'
  ), per_student as (
    select p.grade, p.gender, l.student_id is not null as examined,
           l.bmi_status, l.height_status, coalesce(sc.kinds, '{}') as kinds, coalesce(v.n, 0) as visits,
           p.student_id in (select student_id from informed) as informed
    from pupils p left join latest l on l.student_id = p.student_id left join screened sc on sc.student_id = p.student_id
    left join visits v on v.student_id = p.student_id
  ), grouped as (
    select grouping(grade, gender) = 3 as total, grade, gender,
           count(*) as enrolled,
           count(*) filter (where examined) as examined,
           count(*) filter (where bmi_status in ('gầy còm', 'gầy còm nặng')) as thin,
           count(*) filter (where bmi_status = 'gầy còm nặng') as severely_thin,
           count(*) filter (where height_status in ('thấp còi', 'thấp còi nặng')) as stunted,
           count(*) filter (where bmi_status = 'thừa cân') as overweight,
           count(*) filter (where bmi_status = 'béo phì') as obese,
           count(*) filter (where bmi_status = 'không phân loại') as unclassified,
           count(*) filter (where 'vision' = any (kinds)) as refractive,
           count(*) filter (where 'dental' = any (kinds)) as dental,
           count(*) filter (where 'spine' = any (kinds)) as spine,
           count(*) filter (where 'ent' = any (kinds)) as ent,
           count(*) filter (where 'mental' = any (kinds)) as mental,
           sum(visits)::bigint as clinic_visits,
           count(*) filter (where informed) as informed
    from per_student group by grouping sets ((grade, gender), ())
  )
  select jsonb_agg(jsonb_build_object('total', g.total, 'grade', g.grade, 'sex', g.gender,
           'enrolled', private.health_count(g.enrolled, masked), 'examined', private.health_count(g.examined, masked),
           'thin', private.health_count(g.thin, masked), 'severely_thin', private.health_count(g.severely_thin, masked),
           'stunted', private.health_count(g.stunted, masked), 'overweight', private.health_count(g.overweight, masked),
           'obese', private.health_count(g.obese, masked), 'unclassified', private.health_count(g.unclassified, masked),
           'refractive', private.health_count(g.refractive, masked), 'dental', private.health_count(g.dental, masked),
           'spine', private.health_count(g.spine, masked), 'ent', private.health_count(g.ent, masked),
           'mental', private.health_count(g.mental, masked), 'clinic_visits', private.health_count(g.clinic_visits, masked),
           'informed', private.health_count(g.informed, masked))
         order by g.total, g.grade, g.gender) into rows
  from grouped g;
  return jsonb_build_object(
    'school', (select jsonb_build_object('id', o.id, 'name', o.name) from public.org_units o where o.id = p_school_id),
    'school_year', jsonb_build_object('id', yr.id, 'code', yr.code),
    'class', (select jsonb_build_object('id', c.id, 'name', c.name) from public.classes c where c.id = p_class_id),
    'masked', masked,
    'today', public.app_today(),
    'rows', coalesce(rows, '[]'));
end $$;
-- One statement serves the school (p_class_id null) and a class: a cached generic plan estimates a few
-- pupils for `(p_class_id is null or e.class_id = p_class_id)` and turns the school's report into one
-- index probe per student (scripts/bench-health.ts: p95 1.6× the statement run alone); planned for each
-- call's values instead (about 1 ms of planning).
alter function public.health_report(uuid, uuid, uuid) set plan_cache_mode = force_custom_plan;
comment on function public.health_report(uuid, uuid, uuid) is 'Báo cáo y tế trường học of a school year (or one class): counts per grade and sex and in total. Nurse and BGH exact; Phòng/Sở officers with counts under 5 as "< 5".';
revoke execute on function public.health_report(uuid, uuid, uuid) from public, anon;
grant execute on function public.health_report(uuid, uuid, uuid) to authenticated;

-- rpc/nurse_overview: the nurse's start page — today's clinic visits, the students with fewer than two
-- BMI measurements this year (by class), notices sent and not yet acknowledged, the share of families
-- informed this year.
create function public.nurse_overview(p_school_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  yr uuid;
begin
  if p_school_id not in (select private.nurse_school_ids()) then
    raise exception 'Chỉ nhân viên y tế của trường xem được trang này.' using errcode = '42501';
  end if;
  select y.id into yr from public.school_years y where y.school_id = p_school_id and y.id in (select private.current_school_year_ids());
  return jsonb_build_object(
    'school_year_id', yr,
    'today', public.app_today(),
    'visits_today', coalesce((select jsonb_agg(jsonb_build_object('id', v.id, 'student_id', v.student_id, 'full_name', s.full_name, 'class_name', c.name,
                               'arrived_at', v.arrived_at, 'left_at', v.left_at, 'complaint', v.complaint, 'outcome', v.outcome) order by v.arrived_at desc)
                              from public.clinic_visits v join public.students s on s.id = v.student_id join public.classes c on c.id = v.class_id
                              where v.school_id = p_school_id and (v.arrived_at at time zone 'Asia/Ho_Chi_Minh')::date = public.app_today()), '[]'),
    'short_of_bmi', coalesce((select jsonb_agg(jsonb_build_object('class_id', q.class_id, 'class_name', q.class_name, 'students', q.n, 'short', q.short) order by q.grade, q.class_name)
                              from (select c.id as class_id, c.name as class_name, c.grade, count(*) as n,
                                           count(*) filter (where (select count(*) from public.student_measures m
                                                                   where m.student_id = e.student_id and m.school_year_id = yr and m.bmi is not null) < 2) as short
                                    from public.classes c join public.enrolments e on e.class_id = c.id and e.ended_on is null
                                    where c.school_year_id = yr group by c.id) q where q.short > 0), '[]'),
    'notices_unacknowledged', (select count(*) from public.health_notices n where n.school_id = p_school_id and n.school_year_id = yr and n.acknowledged_at is null),
    'students', (select count(distinct e.student_id) from public.enrolments e where e.school_year_id = yr and e.ended_on is null),
    'families_informed', (select count(distinct n.student_id) from public.health_notices n where n.school_year_id = yr and n.kind = 'yearly'));
end $$;
revoke execute on function public.nurse_overview(uuid) from public, anon;
grant execute on function public.nurse_overview(uuid) to authenticated;

-- rpc/short_of_bmi: the students of a class with fewer than two BMI measurements this year (the nurse).
create function public.short_of_bmi(p_class_id uuid)
returns table (student_id uuid, full_name text, measurements bigint)
language plpgsql stable security definer set search_path = ''
as $$ begin
  if not exists (select 1 from public.classes c where c.id = p_class_id and c.school_id in (select private.nurse_school_ids())) then
    raise exception 'Chỉ nhân viên y tế của trường xem được danh sách này.' using errcode = '42501';
  end if;
  return query
  select s.id, s.full_name, n.measurements
  from public.enrolments e join public.students s on s.id = e.student_id join public.classes c on c.id = e.class_id
  cross join lateral (select count(*) as measurements from public.student_measures m
                      where m.student_id = s.id and m.school_year_id = c.school_year_id and m.bmi is not null) n
  where e.class_id = p_class_id and e.ended_on is null and n.measurements < 2
  order by s.given_name, s.family_name, s.middle_name;
end $$;
revoke execute on function public.short_of_bmi(uuid) from public, anon;
grant execute on function public.short_of_bmi(uuid) to authenticated;

-- The yearly notice's text, from the book: the year's latest measurement and status, the screenings'
-- results, the active conditions and allergies, and what the family should do.
create function private.health_notice_body(p_student_id uuid, p_school_year_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select concat_ws(E'\n',
    'Kính gửi gia đình em ' || s.full_name || '.',
    'Nhà trường thông báo kết quả theo dõi sức khỏe năm học ' || y.code || ':',
    coalesce((select '- Lần đo gần nhất (' || to_char(m.measured_on, 'DD/MM/YYYY') || '): chiều cao '
                     || replace(m.height_cm::text, '.', ',') || ' cm, cân nặng ' || replace(m.weight_kg::text, '.', ',') || ' kg, BMI '
                     || replace(m.bmi::text, '.', ',') || ' — tình trạng dinh dưỡng: ' || m.bmi_status || ', chiều cao theo tuổi: ' || m.height_status || '.'
              from public.student_measures m where m.student_id = s.id and m.school_year_id = y.id and m.bmi is not null
              order by m.measured_on desc limit 1), '- Chưa có số đo chiều cao, cân nặng trong năm học.'),
    (select string_agg('- ' || public.health_label(x.kind) || ' (' || to_char(x.screened_on, 'DD/MM/YYYY') || '): ' || public.health_label(x.result)
                       || coalesce(' — ' || x.note, '') || '.', E'\n' order by x.screened_on, x.kind)
     from public.health_screenings x where x.student_id = s.id and x.school_year_id = y.id),
    (select '- Bệnh mạn tính đang theo dõi: ' || string_agg(c.name, ', ' order by c.name) || '.' from public.health_conditions c where c.student_id = s.id and c.active),
    (select '- Dị ứng: ' || string_agg(a.agent, ', ' order by a.agent) || '.' from public.health_allergies a where a.student_id = s.id),
    case when exists (select 1 from public.health_screenings x where x.student_id = s.id and x.school_year_id = y.id and x.result <> 'normal')
           or exists (select 1 from public.student_measures m where m.student_id = s.id and m.school_year_id = y.id and m.bmi_status in ('gầy còm', 'gầy còm nặng', 'thừa cân', 'béo phì'))
         then 'Đề nghị gia đình đưa em đi khám, theo dõi và liên hệ nhân viên y tế nhà trường khi cần.'
         else 'Sức khỏe của em trong năm học không có vấn đề cần lưu ý.' end,
    'Gia đình vui lòng bấm "Đã nhận" để xác nhận đã đọc thông báo.')
  from public.students s, public.school_years y where s.id = p_student_id and y.id = p_school_year_id
$$;
revoke execute on function private.health_notice_body(uuid, uuid) from public, anon, authenticated;

-- rpc/send_health_notices: the nurse sends, for a class, the yearly notice (each student once a year)
-- or a follow-up notice for every screening finding of the year without one. Returns how many were
-- sent. Sent = recorded here; the family reads it in the product.
create function public.send_health_notices(p_class_id uuid, p_kind text default 'yearly') returns int
language plpgsql volatile security definer set search_path = ''
as $$
declare
  cls record;
  n int;
begin
  select c.id, c.school_id, c.school_year_id, c.name into cls from public.classes c where c.id = p_class_id;
  if not found or cls.school_id not in (select private.nurse_school_ids()) then
    raise exception 'Chỉ nhân viên y tế của trường gửi được thông báo sức khỏe.' using errcode = '42501';
  end if;
  if p_kind = 'yearly' then
    insert into public.health_notices (school_id, school_year_id, student_id, kind, title, body, sent_by)
    select cls.school_id, cls.school_year_id, e.student_id, 'yearly',
           'Thông báo sức khỏe năm học ' || (select y.code from public.school_years y where y.id = cls.school_year_id),
           private.health_notice_body(e.student_id, cls.school_year_id), (select auth.uid())
    from public.enrolments e where e.class_id = cls.id and e.ended_on is null
      and not exists (select 1 from public.health_notices x where x.student_id = e.student_id and x.school_year_id = cls.school_year_id and x.kind = 'yearly');
  elsif p_kind = 'follow_up' then
    insert into public.health_notices (school_id, school_year_id, student_id, kind, screening_id, title, body, sent_by)
    select cls.school_id, cls.school_year_id, x.student_id, 'follow_up', x.id,
           'Cần theo dõi: ' || public.health_label(x.kind),
           'Kính gửi gia đình em ' || s.full_name || E'.\nKết quả khám sàng lọc ' || lower(public.health_label(x.kind)) || ' ngày '
             || to_char(x.screened_on, 'DD/MM/YYYY') || ': ' || public.health_label(x.result) || coalesce(' — ' || x.note, '')
             || E'.\nĐề nghị gia đình đưa em đi khám chuyên khoa và báo lại cho nhân viên y tế nhà trường.',
           (select auth.uid())
    from public.health_screenings x join public.students s on s.id = x.student_id
    where x.class_id = cls.id and x.result <> 'normal'
      and not exists (select 1 from public.health_notices h where h.screening_id = x.id);
  else
    raise exception 'Loại thông báo "%" không có (yearly hoặc follow_up).', p_kind using errcode = '22023';
  end if;
  get diagnostics n = row_count;
  return n;
end $$;
revoke execute on function public.send_health_notices(uuid, text) from public, anon;
grant execute on function public.send_health_notices(uuid, text) to authenticated;

-- rpc/acknowledge_health_notice: the family marks a notice read (p_acknowledge false) or acknowledged.
create function public.acknowledge_health_notice(p_notice_id uuid, p_acknowledge boolean default true) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  n public.health_notices;
begin
  update public.health_notices h
  set read_at = coalesce(h.read_at, now()),
      acknowledged_at = case when p_acknowledge then coalesce(h.acknowledged_at, now()) else h.acknowledged_at end,
      acknowledged_by = case when p_acknowledge then coalesce(h.acknowledged_by, (select auth.uid())) else h.acknowledged_by end
  where h.id = p_notice_id and h.student_id in (select private.family_student_ids())
  returning * into n;
  if not found then
    raise exception 'Không có thông báo này trong hồ sơ của gia đình.' using errcode = '42501';
  end if;
  return jsonb_build_object('id', n.id, 'read_at', n.read_at, 'acknowledged_at', n.acknowledged_at);
end $$;
revoke execute on function public.acknowledge_health_notice(uuid, boolean) from public, anon;
grant execute on function public.acknowledge_health_notice(uuid, boolean) to authenticated;

-- rpc/import_health_rows: the start-of-level examination (kind 'exam': measurements) or one
-- screening's results (kind vision/spine/dental/ent/mental) for the nurse's school and year, from rows
-- the health-records function read out of an Excel file. Each row: row (its number in the file),
-- student_code or full_name + birth_date, date, and the values. Students are matched by code, or by name
-- and date of birth only when exactly one student of the school has them. Every row is tried (inside a
-- savepoint that is rolled back) so that its errors are the sentences a direct entry gets; with
-- p_commit and no error anywhere, all rows are written in this one transaction, else nothing.
create function public.import_health_rows(p_school_id uuid, p_kind text, p_rows jsonb, p_commit boolean default false,
                                          p_school_year_id uuid default null)
returns jsonb
language plpgsql volatile set search_path = ''
as $$
declare
  yr uuid;
  r jsonb;
  out_rows jsonb := '[]';
  errors text[];
  sid uuid;
  cid uuid;
  sname text;
  cname text;
  matches int;
  on_date date;
  seen text[] := '{}';
  key text;
  error_count int := 0;
  written int := 0;
  msg text;
begin
  if p_school_id not in (select private.nurse_school_ids()) then
    raise exception 'Chỉ nhân viên y tế của trường nhập được kết quả khám sức khỏe.' using errcode = '42501';
  end if;
  if p_kind not in ('exam', 'vision', 'spine', 'dental', 'ent', 'mental') then
    raise exception 'Loại dữ liệu "%" không có: exam (khám đầu cấp) hoặc một loại khám sàng lọc.', p_kind using errcode = '22023';
  end if;
  if jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'Tệp không có dòng dữ liệu nào.' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 2000 then
    raise exception 'Mỗi lần nhập tối đa 2000 dòng.' using errcode = '22023';
  end if;
  select y.id into yr from public.school_years y
  where y.school_id = p_school_id and (y.id = p_school_year_id or p_school_year_id is null and y.id in (select private.current_school_year_ids()));
  if yr is null then
    raise exception 'Không có năm học này ở trường.' using errcode = '22023';
  end if;

  for pass in 1 .. case when p_commit then 2 else 1 end loop
    exit when pass = 2 and error_count > 0;
    seen := '{}';
    for r in select * from jsonb_array_elements(p_rows) loop
      errors := '{}'; sid := null; cid := null; sname := null; cname := null;
      -- The student.
      if nullif(btrim(r ->> 'student_code'), '') is not null then
        select s.id, s.full_name into sid, sname from public.students s where s.school_id = p_school_id and s.student_code = btrim(r ->> 'student_code');
        if sid is null then errors := errors || format('Không có học sinh mã %s ở trường.', btrim(r ->> 'student_code')); end if;
      elsif nullif(btrim(r ->> 'full_name'), '') is not null and nullif(r ->> 'birth_date', '') is not null then
        select count(*), min(s.id::text)::uuid, min(s.full_name) into matches, sid, sname from public.students s
        where s.school_id = p_school_id and lower(s.full_name) = lower(regexp_replace(btrim(r ->> 'full_name'), '\s+', ' ', 'g'))
          and s.birth_date = (r ->> 'birth_date')::date;
        if matches = 0 then
          errors := errors || format('Không tìm thấy học sinh %s sinh ngày %s.', btrim(r ->> 'full_name'), to_char((r ->> 'birth_date')::date, 'DD/MM/YYYY'));
          sid := null;
        elsif matches > 1 then
          errors := errors || format('Có %s học sinh tên %s sinh ngày %s: ghi mã học sinh để phân biệt.', matches, btrim(r ->> 'full_name'), to_char((r ->> 'birth_date')::date, 'DD/MM/YYYY'));
          sid := null;
        end if;
      else
        errors := errors || 'Thiếu mã học sinh (hoặc họ tên và ngày sinh).'::text;
      end if;
      if sid is not null then
        select e.class_id, c.name into cid, cname from public.enrolments e join public.classes c on c.id = e.class_id
        where e.student_id = sid and e.school_year_id = yr order by e.ended_on is null desc, e.started_on desc limit 1;
        if cid is null then errors := errors || format('Học sinh %s không học ở trường trong năm học này.', sname); end if;
      end if;
      begin
        on_date := nullif(r ->> 'date', '')::date;
      exception when others then
        on_date := null;
      end;
      if on_date is null then errors := errors || 'Thiếu ngày khám hoặc ngày không đúng dạng.'::text; end if;
      key := coalesce(sid::text, '') || '|' || coalesce(on_date::text, '');
      if sid is not null and on_date is not null and key = any (seen) then
        errors := errors || 'Dòng trùng: học sinh này đã có một dòng cùng ngày trong tệp.'::text;
      end if;
      seen := seen || key;
      if p_kind <> 'exam' and coalesce(r ->> 'result', '') not in ('normal', 'finding', 'referred') then
        errors := errors || 'Kết quả phải là: bình thường, có vấn đề hoặc chuyển khám.'::text;
      end if;
      -- The values, as a direct entry would have them checked.
      if cardinality(errors) = 0 then
        begin
          if p_kind = 'exam' then
            insert into public.student_measures (school_id, school_year_id, class_id, student_id, measured_on, height_cm, weight_kg,
                                                 systolic, diastolic, heart_rate, vision_left, vision_right, vision_left_glasses, vision_right_glasses, note)
            values (p_school_id, yr, cid, sid, on_date, (r ->> 'height_cm')::numeric, (r ->> 'weight_kg')::numeric,
                    (r ->> 'systolic')::smallint, (r ->> 'diastolic')::smallint, (r ->> 'heart_rate')::smallint,
                    (r ->> 'vision_left')::smallint, (r ->> 'vision_right')::smallint,
                    (r ->> 'vision_left_glasses')::smallint, (r ->> 'vision_right_glasses')::smallint, nullif(r ->> 'note', ''));
          else
            insert into public.health_screenings (school_id, school_year_id, class_id, student_id, kind, screened_on, examiner, result, note)
            values (p_school_id, yr, cid, sid, p_kind, on_date, nullif(r ->> 'examiner', ''), r ->> 'result', nullif(r ->> 'note', ''));
          end if;
          if pass = 1 then
            raise exception using errcode = 'P0004', message = 'preview';
          end if;
          written := written + 1;
        exception
          when sqlstate 'P0004' then null;
          when unique_violation then errors := errors || format('Học sinh %s đã có kết quả ngày %s.', sname, to_char(on_date, 'DD/MM/YYYY'));
          when invalid_text_representation or numeric_value_out_of_range then errors := errors || 'Có ô số không đúng dạng.'::text;
          when others then
            get stacked diagnostics msg = message_text;
            errors := errors || msg;
        end;
      end if;
      if pass = 1 then
        if cardinality(errors) > 0 then error_count := error_count + 1; end if;
        out_rows := out_rows || jsonb_build_object('row', r -> 'row', 'student_id', sid, 'full_name', sname, 'class_name', cname,
                                                   'date', on_date, 'errors', to_jsonb(errors));
      elsif cardinality(errors) > 0 then
        raise exception 'Dòng % không nhập được: %', r ->> 'row', array_to_string(errors, ' ') using errcode = '22023';
      end if;
    end loop;
  end loop;
  return jsonb_build_object('rows', out_rows, 'error_count', error_count, 'written', written, 'committed', p_commit and error_count = 0);
end $$;
comment on function public.import_health_rows(uuid, text, jsonb, boolean, uuid) is 'Nhập kết quả khám đầu cấp (exam) hoặc khám sàng lọc: every row checked (errors per row) before anything is written; with p_commit all rows or none. The nurse of the school.';
revoke execute on function public.import_health_rows(uuid, text, jsonb, boolean, uuid) from public, anon;
grant execute on function public.import_health_rows(uuid, text, jsonb, boolean, uuid) to authenticated;
