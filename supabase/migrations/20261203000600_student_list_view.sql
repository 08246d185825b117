-- Province scale (issue 13): Học sinh's pages paid for students.can_edit once per row they computed —
-- and a page computes its offset's rows too: 400 calls for page 20, two to three index probes each
-- (20261203000100), 17 of BGH's 20 ms on the district preset, where the same page in SQL takes 3 ms.
--
-- public.student_list is the list's own read: the columns Học sinh shows, filters and sorts on, and
-- can_edit as an expression of the row against two sets built once per statement — the schools the
-- caller is admin board of this year, and private.editable_student_ids() (the same rule the write
-- policies use: the admin board's schools' students and the current students of the caller's homeroom
-- class). Postgres evaluates the arms of the OR left to right and builds each hashed set only when it
-- first needs it. Per row, can_edit becomes a hash lookup. students.can_edit stays for one row (the
-- edit form); tests/db/student_list.test.ts checks the two agree for every demo account.
-- Security invoker: the caller reads exactly the students RLS lets them read.

create view public.student_list with (security_invoker = true) as
select s.id, s.school_id, s.student_code, s.full_name, s.family_name, s.middle_name, s.given_name,
       s.gender, s.birth_date, s.search_text,
       (s.school_id in (select private.my_school_ids('{admin_board}'))
        or s.id in (select private.editable_student_ids())) as can_edit
from public.students s;
comment on view public.student_list is
  'Học sinh (the list): a student''s name, code, gender and birth date, the search text, and can_edit (whether the caller may edit the record: the admin board of the school this year, the current GVCN). Rows as RLS on students allows.';
grant select on public.student_list to authenticated, service_role;
