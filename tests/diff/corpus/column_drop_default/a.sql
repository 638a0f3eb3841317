-- column_drop_default: the first schema
create table public.t (id int primary key, name text, n int default 0);
