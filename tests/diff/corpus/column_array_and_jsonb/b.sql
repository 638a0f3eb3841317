-- column_array_and_jsonb: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t add column tags text[] not null default '{}';
alter table public.t add column data jsonb not null default '{}';
