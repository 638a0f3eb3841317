-- column_default_function: the second schema
create table public.t (id int primary key, name text default gen_random_uuid()::text, n int);
