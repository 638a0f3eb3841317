-- domain_add: the second schema
create table public.t (id int primary key, name text, n int);
create domain public.email as text check (value ~ '@');
alter table public.t add column email public.email;
