-- trigger_drop: the second schema
create table public.t (id int primary key, name text, n int);
create function public.touch() returns trigger language plpgsql as $$ begin new.n := 1; return new; end $$;
