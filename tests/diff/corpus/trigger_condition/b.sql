-- trigger_condition: the second schema
create table public.t (id int primary key, name text, n int);
create function public.touch() returns trigger language plpgsql as $$ begin new.n := 1; return new; end $$;
create trigger t_touch before update on public.t for each row when (old.name is distinct from new.name) execute function public.touch();
