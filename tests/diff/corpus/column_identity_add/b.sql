-- column_identity_add: the second schema
create table public.t (id int generated always as identity primary key);
