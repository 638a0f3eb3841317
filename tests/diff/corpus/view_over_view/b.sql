-- view_over_view: the second schema
create table public.t (id int primary key, name text, n int);
create view public.v as select id, name from public.t;
create view public.w as select id from public.v;
