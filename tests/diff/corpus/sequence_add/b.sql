-- sequence_add: the second schema
create sequence public.order_no as integer start with 1000 increment by 5;
create table public.t (id int primary key, name text, n int default nextval('public.order_no'));
