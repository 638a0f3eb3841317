-- constraint_not_valid: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t add constraint t_n_check check (n > 0) not valid;
