-- cross_schema_references: the first schema
create table public.t (id int primary key, name text, n int);
