-- column_array_and_jsonb: the first schema
create table public.t (id int primary key, name text, n int);
