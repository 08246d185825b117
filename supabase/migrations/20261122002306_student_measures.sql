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
create index student_measures_class_idx on public.student_measures (class_id);
create index student_measures_school_idx on public.student_measures (school_id);
create index student_measures_year_idx on public.student_measures (school_year_id);
alter table public.student_measures enable row level security;
grant select, insert, update, delete on public.student_measures to authenticated, service_role;
revoke truncate, references, trigger on public.student_measures from service_role, authenticated, anon;
create policy student_measures_select on public.student_measures for select to authenticated
  using (school_id in (select private.my_school_ids(private.gradebook_school_roles()))
         or student_id in (select private.homeroom_student_ids())
         or class_id in (select t.class_id from private.taught_class_subjects() t));
create policy student_measures_insert on public.student_measures for insert to authenticated
  with check (class_id in (select private.homeroom_class_ids()));
create policy student_measures_update on public.student_measures for update to authenticated
  using (class_id in (select private.homeroom_class_ids()))
  with check (class_id in (select private.homeroom_class_ids()));
create policy student_measures_delete on public.student_measures for delete to authenticated
  using (class_id in (select private.homeroom_class_ids()));
comment on policy student_measures_select on public.student_measures is 'As conduct_ratings: BGH, the admin board, the clerk; the GVCN; the class''s teachers.';
comment on policy student_measures_insert on public.student_measures is 'The GVCN records the measures of their class.';
comment on policy student_measures_update on public.student_measures is 'The GVCN changes the measures of their class.';
comment on policy student_measures_delete on public.student_measures is 'The GVCN removes measures of their class (audited).';
create trigger student_measures_version before update on public.student_measures
  for each row execute function private.bump_version();
create trigger student_measures_entered_by before insert or update on public.student_measures
  for each row execute function private.stamp_entered_by();
create trigger student_measures_check_insert after insert on public.student_measures
  referencing new table as new_rows for each statement execute function private.check_class_rows();
create trigger student_measures_check_update after update on public.student_measures
  referencing new table as new_rows for each statement execute function private.check_class_rows();
select private.enable_audit('public.student_measures');
