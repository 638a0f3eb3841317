-- column_identity_kind: the first schema
create table public.t (id int generated always as identity primary key);
