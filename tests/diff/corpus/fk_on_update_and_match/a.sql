-- fk_on_update_and_match: the first schema
create table public.p (a int, b int, primary key (a, b));
create table public.c (id int primary key, a int, b int, constraint c_p_fkey foreign key (a, b) references public.p (a, b));
