-- table_unlogged: the second schema
create unlogged table public.t (id int primary key, name text, n int);
