-- column_identity_drop: the second schema
create table public.t (id int not null primary key);
