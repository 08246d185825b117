-- Names, never ids: a class's GVCN and an assignment's teacher are shown by name to whoever reads the
-- class or the assignment. Profiles stay as they are (a person's own; staff the school's staff; BGH and
-- the board everybody of the school), so a family still reads no staff profile (no e-mail); the name of
-- the teacher is part of the row the reader already reads: a parent sees the GVCN of their child's class,
-- a subject teacher the GVCN of every class and the teacher of every assignment of the school's year
-- (which they read already), without reading memberships. Only the name, never the e-mail.

-- private.profile_name(id): the full name of a profile. Reached only through the computed fields below,
-- which pass an id taken from a row the caller reads under RLS. Cost: one primary-key lookup.
create function private.profile_name(p_id uuid) returns text
language sql stable security definer set search_path = ''
as $$ select p.full_name from public.profiles p where p.id = p_id $$;
comment on function private.profile_name(uuid) is
  'Full name of a profile, for the computed name fields of rows the caller reads (never called with a free id from the API).';
revoke execute on function private.profile_name(uuid) from public, anon;
grant execute on function private.profile_name(uuid) to authenticated, service_role;

-- classes.homeroom_teacher_name (`select=*,homeroom_teacher_name`): the GVCN's name. Security invoker:
-- the class is read again by id under the caller's RLS, so a row forged in an RPC call names nobody the
-- caller may not see. Cost: one primary-key lookup of the class and one of the profile per row.
create function public.homeroom_teacher_name(c public.classes) returns text
language sql stable security invoker set search_path = ''
as $$ select private.profile_name(k.homeroom_teacher_id) from public.classes k where k.id = c.id $$;
comment on function public.homeroom_teacher_name(public.classes) is
  'Tên GVCN of the class, for whoever reads the class (staff of the year, the family of a student of the class).';
revoke execute on function public.homeroom_teacher_name(public.classes) from public, anon;
grant execute on function public.homeroom_teacher_name(public.classes) to authenticated, service_role;

-- teaching_assignments.teacher_name (`select=*,teacher_name`): the assigned teacher's name, for whoever
-- reads the assignment (the school's staff of the year). Same construction and cost as above.
create function public.teacher_name(a public.teaching_assignments) returns text
language sql stable security invoker set search_path = ''
as $$ select private.profile_name(k.teacher_id) from public.teaching_assignments k where k.id = a.id $$;
comment on function public.teacher_name(public.teaching_assignments) is
  'Tên giáo viên of the assignment, for whoever reads the assignment (the school''s staff of the year).';
revoke execute on function public.teacher_name(public.teaching_assignments) from public, anon;
grant execute on function public.teacher_name(public.teaching_assignments) to authenticated, service_role;

-- memberships.holder_name (`select=*,holder_name`): the name of the person holding the role, for whoever
-- reads the membership — a Phòng/Sở officer reads the BGH memberships of the schools under it but not
-- those people's profiles. Same construction and cost as above.
create function public.holder_name(m public.memberships) returns text
language sql stable security invoker set search_path = ''
as $$ select private.profile_name(k.profile_id) from public.memberships k where k.id = m.id $$;
comment on function public.holder_name(public.memberships) is
  'Tên người giữ vai trò, for whoever reads the membership (the person, BGH and the board of the school, the Phòng/Sở for BGH rows).';
revoke execute on function public.holder_name(public.memberships) from public, anon;
grant execute on function public.holder_name(public.memberships) to authenticated, service_role;
