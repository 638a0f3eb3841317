-- enum_add_value: the second schema
create type public.status as enum ('draft', 'active', 'done', 'archived');
create table public.t (id int primary key, status public.status not null default 'draft');
