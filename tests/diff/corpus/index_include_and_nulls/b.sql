-- index_include_and_nulls: the second schema
create table public.t (id int primary key, name text, n int);
create unique index t_name_idx on public.t (name) include (n) nulls not distinct;
