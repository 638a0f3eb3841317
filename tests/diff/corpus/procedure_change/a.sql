-- procedure_change: the first schema
create table public.log (msg text);
create procedure public.note(p text) language sql as $$ insert into public.log values (p) $$;
