-- cross_schema_policy_function: the first schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
