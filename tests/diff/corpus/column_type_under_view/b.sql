-- column_type_under_view: the second schema
create table public.t (id int primary key, name text, n numeric(10, 2));
create view public.v as select id, n from public.t;
