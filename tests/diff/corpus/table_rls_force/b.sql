-- table_rls_force: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
alter table public.t force row level security;
