-- Copies of a transcript (bản sao học bạ, seed 003 §II.4; FORMS.md "Copies"): issued only on a recorded
-- application — who asked, for whom, why —, numbered "Số: n/SY" from one counter per school shared by
-- every copy type and restarting each 1 January (Vietnam calendar, the pinned today), with the student's
-- reissue count (1, 2, …). Numbers are taken inside one row lock of the counter, so concurrent issues
-- never share one; an application is issued once and keeps its number (downloading it again serves the
-- archived copy). Recorded and issued by the admin board and the clerk; read by them and BGH.

create table public.copy_applications (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.org_units (id) on delete restrict,
  student_id uuid not null references public.students (id) on delete restrict,
  copy_kind text not null default 'transcript' check (copy_kind in ('transcript')),
  applicant_name text not null check (length(trim(applicant_name)) between 2 and 120),
  applicant_relation text not null check (length(trim(applicant_relation)) between 2 and 60),
  reason text not null check (length(trim(reason)) between 3 and 500),
  applied_on date not null default public.app_today(),
  recorded_by uuid not null default auth.uid() references public.profiles (id) on delete restrict,
  -- Set once, when the copy is issued (rpc issue_copy).
  number integer check (number >= 1),
  number_year integer,
  reissue_count integer check (reissue_count >= 1),
  issued_on date,
  issued_by uuid references public.profiles (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_id, number_year, number),
  check ((number is null) = (issued_on is null) and (number is null) = (number_year is null) and (number is null) = (reissue_count is null))
);
create index copy_applications_school_idx on public.copy_applications (school_id);
create index copy_applications_student_idx on public.copy_applications (student_id);
create index copy_applications_recorded_by_idx on public.copy_applications (recorded_by);
create index copy_applications_issued_by_idx on public.copy_applications (issued_by);
comment on table public.copy_applications is
  'Applications for a copy of a transcript (who asked, for whom, why) and, once issued, its number n/SY and reissue count.';

alter table public.copy_applications enable row level security;
grant select on public.copy_applications to authenticated;
grant insert (school_id, student_id, copy_kind, applicant_name, applicant_relation, reason) on public.copy_applications to authenticated;
grant all on public.copy_applications to service_role;

create policy copy_applications_select on public.copy_applications for select to authenticated
  using (school_id in (select private.my_school_ids('{admin_board,clerk,principal,vice_principal}')));
comment on policy copy_applications_select on public.copy_applications is
  'The admin board, the clerk and BGH read the school''s register of copies.';
create policy copy_applications_insert on public.copy_applications for insert to authenticated
  with check (school_id in (select private.my_school_ids('{admin_board,clerk}'))
              and student_id in (select s.id from public.students s where s.school_id = copy_applications.school_id)
              and recorded_by = (select auth.uid()) and number is null);
comment on policy copy_applications_insert on public.copy_applications is
  'The admin board and the clerk record an application for a student of their school.';

-- Nothing of an application changes but its issue (once), and nothing is deleted.
create function private.check_copy_application() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'Đơn đề nghị cấp bản sao không được xoá' using errcode = '42501';
  end if;
  if old.number is not null
     or (to_jsonb(new) - '{number,number_year,reissue_count,issued_on,issued_by,updated_at}'::text[])
        is distinct from (to_jsonb(old) - '{number,number_year,reissue_count,issued_on,issued_by,updated_at}'::text[]) then
    raise exception 'Đơn đề nghị cấp bản sao đã ghi không được sửa' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger copy_applications_check before update or delete on public.copy_applications
  for each row execute function private.check_copy_application();
select private.enable_audit('public.copy_applications');

create table private.copy_counters (
  school_id uuid not null,
  year integer not null,
  last integer not null,
  primary key (school_id, year)
);
comment on table private.copy_counters is 'The last copy number of each school and calendar year (Số: n/SY).';

/**
 * Issues the copy of an application: on the first call takes the school's next number of this calendar
 * year and the student's next reissue count; later calls return the same. The admin board and the
 * clerk of the school; anyone else gets "Bạn không có quyền cấp bản sao …" (nothing is said about the
 * application). Returns {number, number_year, reissue_count, issued_on, student_id}.
 */
create function public.issue_copy(p_application_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  a public.copy_applications;
  y integer := extract(year from public.app_today())::int;
  n integer;
  r integer;
begin
  select * into a from public.copy_applications where id = p_application_id for update;
  if not found or a.school_id not in (select private.my_school_ids('{admin_board,clerk}')) then
    raise exception 'Bạn không có quyền cấp bản sao theo đơn này.' using errcode = '42501';
  end if;
  if a.number is null then
    insert into private.copy_counters as c (school_id, year, last) values (a.school_id, y, 1)
    on conflict (school_id, year) do update set last = c.last + 1
    returning last into n;
    -- Serialised per student by the lock below (two applications of one student issued at once).
    perform pg_advisory_xact_lock(hashtextextended('copy:' || a.student_id, 0));
    select coalesce(max(x.reissue_count), 0) + 1 into r
    from public.copy_applications x where x.student_id = a.student_id and x.copy_kind = a.copy_kind;
    update public.copy_applications
    set number = n, number_year = y, reissue_count = r, issued_on = public.app_today(), issued_by = (select auth.uid()), updated_at = now()
    where id = a.id
    returning * into a;
  end if;
  return jsonb_build_object('number', a.number, 'number_year', a.number_year, 'reissue_count', a.reissue_count,
                            'issued_on', a.issued_on, 'student_id', a.student_id);
end $$;
revoke execute on function public.issue_copy(uuid) from public, anon;
grant execute on function public.issue_copy(uuid) to authenticated;
