-- table_rls_force: the first schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
