-- index_expression: the second schema
create table public.t (id int primary key, name text, n int);
create index t_lower_name_idx on public.t (lower(name));
