-- column_type_under_view_chain: the first schema
create table public.t (id int primary key, amount int);
create view public.v1 as select id, amount from public.t;
create view public.v2 as select id, amount * 2 as doubled from public.v1;
