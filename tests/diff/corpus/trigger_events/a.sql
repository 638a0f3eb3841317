-- trigger_events: the first schema
create table public.t (id int primary key, name text, n int);
create function public.touch() returns trigger language plpgsql as $$ begin new.n := 1; return new; end $$;
create trigger t_touch before insert on public.t for each row execute function public.touch();
