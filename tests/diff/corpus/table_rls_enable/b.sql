-- table_rls_enable: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
