-- index_columns_desc: the first schema
create table public.t (id int primary key, name text, n int);
create index t_n_idx on public.t (n);
