// Health data of the demo and of the generated presets (issue 16), in SQL: every student's book; per
// school year up to "today", two measurement rounds (the start of the year with blood pressure, heart
// rate and vision; the start of semester II height and weight) with a realistic spread — a per-student
// build drawn once (about 12 % thinness, 3 % of it severe, 13 % overweight, 7 % obese, 5 % stunted) and
// turned into height and weight through the WHO 2007 LMS table — a vision and a dental screening after
// the first round, a few chronic conditions and allergies, clinic visits, and, for a finished year, the
// yearly notice to every family (most acknowledged). Triggers are off around the bulk inserts (as the
// gradebook load), so the nutrition status is computed here by the same SQL function the trigger uses.
// Deterministic: every draw is a hash of the student id.
import type pg from 'pg';

export interface HealthLoadOptions {
  schoolIds: string[];
  /** The app's "today": nothing is dated after it. */
  today: string;
  /** Primary schools' rounds: the GVCN's yearly measurement (seeded with the TT27 year) is the second
   *  round, so only the first is added here, for finished years only (this year's the GVCN enters). */
  primarySecondRoundFromGradebook?: boolean;
}

// A uniform draw in [0, 1) from a text key.
const U = (key: string) => `(((hashtextextended(${key}, 7) >> 12) & 1048575)::float8 / 1048576.0)`;

const PUPILS = `
  select distinct on (e.student_id, e.school_year_id) e.school_id, e.school_year_id, e.class_id, e.student_id, s.gender, s.birth_date,
         y.starts_on, y.semester2_starts_on, y.ends_on, o.school_level, c.grade
  from public.enrolments e
  join public.students s on s.id = e.student_id
  join public.school_years y on y.id = e.school_year_id
  join public.org_units o on o.id = e.school_id
  join public.classes c on c.id = e.class_id
  where e.school_id = any ($1::uuid[]) and y.starts_on <= $2::date
  order by e.student_id, e.school_year_id, e.ended_on is null desc, e.started_on desc`;

/** A value at z of an LMS row: M (1 + L S z)^(1/L). */
const lms = (t: string, z: string) => `(${t}.m * power(1 + ${t}.l * ${t}.s * (${z}), 1 / ${t}.l))`;

export async function loadHealth(c: pg.ClientBase, o: HealthLoadOptions): Promise<Record<string, number>> {
  await c.query(`set local session_replication_role = replica`);
  const args = [o.schoolIds, o.today];
  const count = async (sql: string, extra: unknown[] = []) => (await c.query(sql, [...args, ...extra])).rowCount ?? 0;

  const books = await count(`
    insert into public.health_books (school_id, student_id)
    select s.school_id, s.id from public.students s where s.school_id = any ($1::uuid[]) and $2::date is not null
    on conflict do nothing`);

  const measures = await count(`
    with p as materialized (${PUPILS}),
    rounds as (
      select p.*, r.n, case r.n when 1 then p.starts_on + 20 else p.semester2_starts_on + 15 end as on_date
      from p cross join (values (1), (2)) r (n)
      where not (p.school_level = 'primary' and (r.n = 2 or p.ends_on > $2::date))
    ), draws as (
      select r.*, public.age_in_months(r.birth_date, r.on_date) as age,
             ${U("'bmi/' || r.student_id")} as ub, ${U("'height/' || r.student_id")} as uh,
             (${U("'noise/' || r.student_id || '/' || r.n")} - 0.5) * 0.3 as noise,
             ${U("'bp/' || r.student_id || '/' || r.n")} as ubp, ${U("'vision/' || r.student_id")} as uv
      from rounds r where r.on_date <= $2::date
    ), z as (
      select d.*,
             case when ub < 0.03 then -3.4 when ub < 0.12 then -2.5 when ub < 0.80 then -1.7 + (ub - 0.12) / 0.68 * 2.4
                  when ub < 0.93 then 1.5 else 2.5 end + noise as bz,
             case when uh < 0.05 then -2.5 else -1.7 + (uh - 0.05) / 0.95 * 3.2 end + noise / 2 as hz
      from draws d
    ), v as (
      select z.*, round(${lms('h', 'z.hz')}::numeric, 1) as height_cm, ${lms('b', 'z.bz')} as bmi_target
      from z
      join public.who_growth_lms h on h.indicator = 'height' and h.sex = z.gender and h.month = least(greatest(z.age, 61), 228)
      join public.who_growth_lms b on b.indicator = 'bmi' and b.sex = z.gender and b.month = least(greatest(z.age, 61), 228)
    ), w as (
      select v.*, round(least(greatest(v.bmi_target * power(v.height_cm / 100, 2), 8), 150)::numeric, 1) as weight_kg from v
    )
    insert into public.student_measures (school_id, school_year_id, class_id, student_id, measured_on, height_cm, weight_kg,
      systolic, diastolic, heart_rate, vision_left, vision_right, age_months, bmi, bmi_z, height_z, bmi_status, height_status)
    select w.school_id, w.school_year_id, w.class_id, w.student_id, w.on_date, w.height_cm, w.weight_kg,
           case when w.n = 1 then 95 + (ubp * 28)::int end, case when w.n = 1 then 55 + (ubp * 24)::int end,
           case when w.n = 1 then 70 + (ubp * 30)::int end,
           case when w.n = 1 then case when uv < 0.18 then 5 + (uv * 20)::int % 4 else 10 end end,
           case when w.n = 1 then case when uv < 0.12 then 6 + (uv * 30)::int % 3 else 10 end end,
           w.age, (ns ->> 'bmi')::numeric, (ns ->> 'bmi_z')::numeric, (ns ->> 'height_z')::numeric, ns ->> 'bmi_status', ns ->> 'height_status'
    from w cross join lateral public.nutrition_status(w.gender, w.age, w.height_cm, w.weight_kg) ns
    on conflict do nothing`);

  const screenings = await count(`
    with p as materialized (${PUPILS}),
    s as (
      select p.*, k.kind, p.starts_on + 30 as on_date, ${U("'screen/' || k.kind || '/' || p.student_id || '/' || p.school_year_id")} as u
      from p cross join (values ('vision'), ('dental')) k (kind)
    )
    insert into public.health_screenings (school_id, school_year_id, class_id, student_id, kind, screened_on, examiner, result, note)
    select s.school_id, s.school_year_id, s.class_id, s.student_id, s.kind, s.on_date,
           case s.kind when 'vision' then 'BS. Lê Thị Thu (Trung tâm Y tế huyện)' else 'BS. Phạm Văn Khoa (Trung tâm Y tế huyện)' end,
           case when s.kind = 'vision' and u < 0.14 or s.kind = 'dental' and u < 0.27 then 'finding'
                when s.kind = 'vision' and u < 0.18 or s.kind = 'dental' and u < 0.30 then 'referred' else 'normal' end,
           case when s.kind = 'vision' and u < 0.14 then 'Nghi cận thị, cần đo khúc xạ'
                when s.kind = 'vision' and u < 0.18 then 'Thị lực giảm nhiều, chuyển khám mắt'
                when s.kind = 'dental' and u < 0.27 then 'Sâu răng'
                when s.kind = 'dental' and u < 0.30 then 'Sâu răng nhiều, chuyển nha khoa' end
    from s where s.on_date <= $2::date
    on conflict do nothing`);

  const conditions = await count(`
    with st as (select s.id, s.school_id, ${U("'condition/' || s.id")} as u from public.students s where s.school_id = any ($1::uuid[]))
    insert into public.health_conditions (school_id, student_id, name, icd10, severity, triggers, action_plan, noted_on)
    select st.school_id, st.id, x.name, x.icd10, x.severity, x.triggers, x.plan, ($2::date - 400)
    from st join (values
      (0.000, 0.012, 'Hen phế quản', 'J45.9', 'moderate', 'Gắng sức, khói bụi, thay đổi thời tiết', 'Cho em ngồi nghỉ, dùng bình xịt cắt cơn của em; báo y tế trường.'),
      (0.012, 0.030, 'Viêm mũi dị ứng', 'J30.4', 'mild', 'Bụi, phấn hoa', null),
      (0.030, 0.036, 'Động kinh', 'G40.9', 'severe', 'Thiếu ngủ, sốt cao',
       'Khi lên cơn: đặt em nằm nghiêng nơi an toàn, không cho gì vào miệng, ghi giờ bắt đầu; gọi y tế trường và gia đình; cơn quá 5 phút gọi 115.')
    ) x (lo, hi, name, icd10, severity, triggers, plan) on st.u >= x.lo and st.u < x.hi`);

  const allergies = await count(`
    with st as (select s.id, s.school_id, ${U("'allergy/' || s.id")} as u from public.students s where s.school_id = any ($1::uuid[]))
    insert into public.health_allergies (school_id, student_id, agent, reaction, severity, action_plan)
    select st.school_id, st.id, x.agent, x.reaction, x.severity, x.plan
    from st join (values
      (0.000, 0.020, 'Hải sản (tôm, cua)', 'Nổi mề đay, ngứa', 'moderate', 'Tránh món có hải sản; nếu nổi mề đay báo y tế trường.'),
      (0.020, 0.030, 'Penicillin', 'Phát ban', 'moderate', null)
    ) x (lo, hi, agent, reaction, severity, plan) on st.u >= x.lo and st.u < x.hi
    where $2::date is not null`);

  // The national schedule's measles–rubella doses (9 and 18 months) and, for some, a school-age Td.
  const vaccinations = await count(`
    insert into public.health_vaccinations (school_id, student_id, vaccine, dose, given_on)
    select s.school_id, s.id, x.vaccine, x.dose, (s.birth_date + x.age)::date
    from public.students s cross join (values ('Sởi – Rubella (MR)', 1, interval '9 months'), ('Sởi – Rubella (MR)', 2, interval '18 months'),
                                              ('Uốn ván – bạch hầu (Td)', 1, interval '7 years')) x (vaccine, dose, age)
    where s.school_id = any ($1::uuid[]) and (s.birth_date + x.age)::date <= $2::date
      and (x.vaccine <> 'Uốn ván – bạch hầu (Td)' or ${U("'td/' || s.id")} < 0.8)`);

  const visits = await count(`
    with p as materialized (${PUPILS}),
    v as (
      select p.*, ${U("'visit/' || p.student_id || '/' || p.school_year_id")} as u,
             p.starts_on + (${U("'visitday/' || p.student_id || '/' || p.school_year_id")} * (least(p.ends_on, $2::date) - p.starts_on))::int as on_date
      from p
    )
    insert into public.clinic_visits (school_id, school_year_id, class_id, student_id, arrived_at, left_at, complaint, findings, treatment, medicine, outcome, guardian_informed)
    select v.school_id, v.school_year_id, v.class_id, v.student_id,
           (v.on_date + time '09:40') at time zone 'Asia/Ho_Chi_Minh', (v.on_date + time '10:05') at time zone 'Asia/Ho_Chi_Minh',
           x.complaint, x.findings, x.treatment, x.medicine, x.outcome, x.outcome <> 'back_to_class'
    from v join (values
      (0.000, 0.025, 'Đau đầu', 'Nhiệt độ 37,2 °C, không sốt', 'Nghỉ tại phòng y tế 20 phút', null, 'back_to_class'),
      (0.025, 0.040, 'Đau bụng', 'Ấn đau vùng thượng vị nhẹ', 'Nghỉ, uống nước ấm', null, 'back_to_class'),
      (0.040, 0.050, 'Sốt', 'Nhiệt độ 38,5 °C', 'Chườm ấm, hạ sốt', 'Paracetamol 500 mg × 1 viên', 'sent_home'),
      (0.050, 0.055, 'Trầy xước đầu gối khi chơi thể thao', 'Vết trầy 3 cm, không chảy máu nhiều', 'Rửa, sát trùng, băng', 'Povidine', 'back_to_class')
    ) x (lo, hi, complaint, findings, treatment, medicine, outcome) on v.u >= x.lo and v.u < x.hi
    where v.on_date <= $2::date`);

  const notices = await count(`
    with p as materialized (${PUPILS})
    insert into public.health_notices (school_id, school_year_id, student_id, kind, title, body, sent_at, read_at, acknowledged_at, acknowledged_by)
    select p.school_id, p.school_year_id, p.student_id, 'yearly', 'Thông báo sức khỏe năm học ' || y.code,
           private.health_notice_body(p.student_id, p.school_year_id),
           (p.ends_on - 20 + time '08:00') at time zone 'Asia/Ho_Chi_Minh',
           case when ${U("'ack/' || p.student_id || '/' || p.school_year_id")} < 0.9 then (p.ends_on - 18 + time '20:00') at time zone 'Asia/Ho_Chi_Minh' end,
           case when ${U("'ack/' || p.student_id || '/' || p.school_year_id")} < 0.85 then (p.ends_on - 18 + time '20:05') at time zone 'Asia/Ho_Chi_Minh' end,
           case when ${U("'ack/' || p.student_id || '/' || p.school_year_id")} < 0.85 then (select g.profile_id from public.guardians g where g.student_id = p.student_id and g.profile_id is not null limit 1) end
    from p join public.school_years y on y.id = p.school_year_id
    where p.ends_on <= $2::date
    on conflict do nothing`);

  await c.query(`set local session_replication_role = origin`);
  return { health_books: books, student_measures: measures, health_screenings: screenings, health_conditions: conditions,
    health_allergies: allergies, health_vaccinations: vaccinations, clinic_visits: visits, health_notices: notices };
}
