-- column_identity_add: the first schema
create table public.t (id int not null primary key);
