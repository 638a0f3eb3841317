-- view_drop: the second schema
create table public.t (id int primary key, name text, n int);
