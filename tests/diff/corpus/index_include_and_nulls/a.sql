-- index_include_and_nulls: the first schema
create table public.t (id int primary key, name text, n int);
