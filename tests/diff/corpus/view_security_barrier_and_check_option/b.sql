-- view_security_barrier_and_check_option: the second schema
create table public.t (id int primary key, name text, n int);
create view public.v with (security_barrier = true, check_option = local) as select id, n from public.t where n > 0;
