-- column_set_not_null: the first schema
create table public.t (id int primary key, name text, n int);
