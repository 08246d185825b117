-- entered_by is who last wrote the row, whatever the client sends: without this a teacher could
-- attribute a comment, conduct rating or absence to a colleague (entered_by only defaulted to
-- auth.uid()). A request's user always wins; a back-end writer without one (seed, service role) keeps
-- what it sets.
create function private.stamp_entered_by() returns trigger
language plpgsql set search_path = ''
as $$ begin
  new.entered_by := coalesce((select auth.uid()), new.entered_by);
  return new;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['score_entries', 'subject_comments', 'conduct_ratings', 'attendance'] loop
    execute format('create trigger %1$s_entered_by before insert or update on public.%1$s
                    for each row execute function private.stamp_entered_by()', t);
  end loop;
end $$;
