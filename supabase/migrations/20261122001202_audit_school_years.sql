-- School years and their semester dates decide what is current and, later, what is locked: changes to
-- them are audited like the rest of a school's data (chained under the school).
select private.enable_audit('public.school_years');
