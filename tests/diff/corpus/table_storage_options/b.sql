-- table_storage_options: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t set (fillfactor = 70, autovacuum_enabled = false);
