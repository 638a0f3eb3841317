-- view_security_invoker: the second schema
create table public.t (id int primary key, name text, n int);
create view public.v with (security_invoker = true) as select id, name from public.t;
