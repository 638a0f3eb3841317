-- column_generated_change: the first schema
create table public.t (id int primary key, name text, n int);
alter table public.t add column n2 int generated always as (n * 2) stored;
