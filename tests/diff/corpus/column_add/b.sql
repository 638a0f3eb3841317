-- column_add: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t add column note text;
