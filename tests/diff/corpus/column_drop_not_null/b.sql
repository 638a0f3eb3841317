-- column_drop_not_null: the second schema
create table public.t (id int primary key, name text, n int);
