-- view_over_changed_function: the second schema
create function public.f(x int) returns int language sql immutable as $$ select x + 2 $$;
create table public.t (id int primary key, name text, n int);
create view public.v as select public.f(n) as m from public.t;
