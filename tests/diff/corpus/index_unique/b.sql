-- index_unique: the second schema
create table public.t (id int primary key, name text, n int);
create unique index t_name_key on public.t (name);
