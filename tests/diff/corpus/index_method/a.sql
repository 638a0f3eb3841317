-- index_method: the first schema
create table public.t (id int primary key, name text, n int);
create index t_name_idx on public.t (name);
