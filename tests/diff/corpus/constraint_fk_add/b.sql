-- constraint_fk_add: the second schema
create table public.t (id int primary key, name text, n int);
create table public.c (id int primary key, t_id int references public.t (id));
create index on public.c (t_id);
