-- view_security_barrier_and_check_option: the first schema
create table public.t (id int primary key, name text, n int);
create view public.v as select id, n from public.t where n > 0;
