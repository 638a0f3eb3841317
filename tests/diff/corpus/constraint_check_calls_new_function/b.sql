-- constraint_check_calls_new_function: the second schema
create function public.f(x int) returns int language sql immutable as $$ select x + 1 $$;
create table public.t (id int primary key, name text, n int);
alter table public.t add constraint t_n_check check (public.f(n) > 0);
