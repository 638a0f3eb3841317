-- enum_add: the second schema
create table public.t (id int primary key, name text, n int);
create type public.mood as enum ('happy', 'sad');
comment on type public.mood is 'How it feels.';
alter table public.t add column mood public.mood not null default 'happy';
