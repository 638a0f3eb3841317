-- view_drop: the first schema
create table public.t (id int primary key, name text, n int);
create view public.v as select id, name from public.t;
