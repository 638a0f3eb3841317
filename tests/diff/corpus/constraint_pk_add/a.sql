-- constraint_pk_add: the first schema
create table public.t (id int not null, name text);
