-- procedure_change: the second schema
create table public.log (msg text);
create procedure public.note(p text) language sql as $$ insert into public.log values (upper(p)) $$;
comment on procedure public.note(text) is 'Writes a note.';
revoke execute on procedure public.note(text) from public;
