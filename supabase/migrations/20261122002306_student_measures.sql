-- Chiều cao, cân nặng per primary student and year, as page 1 of the TT27 transcript prints them (with
-- the absences, which come from attendance). Entered by the class's GVCN; read as conduct_ratings.
create table public.student_measures (
  id uuid primary key default extensions.gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  school_year_id uuid not null,
  class_id uuid not null,
  student_id uuid not null,
  height_cm numeric check (height_cm between 50 and 220 and height_cm = round(height_cm, 1)),
  weight_kg numeric check (weight_kg between 8 and 150 and weight_kg = round(weight_kg, 1)),
  version int not null default 1,
  entered_by uuid default auth.uid() references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint student_measures_one_per_year unique (student_id, school_year_id),
  constraint student_measures_value_check check (height_cm is not null or weight_kg is not null),
  foreign key (school_year_id, school_id) references public.school_years (id, school_id) on delete restrict,
  foreign key (class_id, school_year_id) references public.classes (id, school_year_id) on delete restrict,
  foreign key (student_id, school_id) references public.students (id, school_id) on delete restrict
);
comment on table public.student_measures is 'Chiều cao (cm) and cân nặng (kg) of a student in a school year (TT27 transcript page 1), by the GVCN.';
select private.enable_homeroom_sheet('public.student_measures');
