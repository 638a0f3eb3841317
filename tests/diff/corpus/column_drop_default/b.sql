-- column_drop_default: the second schema
create table public.t (id int primary key, name text, n int);
