-- constraint_fk_on_delete: the second schema
create table public.t (id int primary key, name text, n int);
create table public.c (id int primary key, t_id int references public.t (id) on delete cascade);
