-- column_collation: the second schema
create table public.t (id int primary key, name text collate "C", n int);
