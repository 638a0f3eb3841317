-- enum_add_value: the first schema
create type public.status as enum ('draft', 'done');
create table public.t (id int primary key, status public.status not null default 'draft');
