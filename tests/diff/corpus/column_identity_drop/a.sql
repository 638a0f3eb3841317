-- column_identity_drop: the first schema
create table public.t (id int generated always as identity primary key);
