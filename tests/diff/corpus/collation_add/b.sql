-- collation_add: the second schema
create table public.t (id int primary key, name text, n int);
create collation public.posix (provider = libc, locale = 'C');
alter table public.t add column email text collate public.posix;
