-- constraint_pk_add: the second schema
create table public.t (id int not null primary key, name text);
