-- table_storage_options: the first schema
create table public.t (id int primary key, name text, n int);
