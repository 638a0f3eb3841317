-- trigger_enable_always: the first schema
create table public.t (id int primary key, name text, n int);
create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_touch before update on public.t for each row execute function public.touch();
