-- column_type_under_view: the first schema
create table public.t (id int primary key, name text, n int);
create view public.v as select id, n from public.t;
