-- constraint_new_table_referencing_new_table: the second schema
create table public.p (id int primary key);
create table public.c (id int primary key, p_id int references public.p (id));
