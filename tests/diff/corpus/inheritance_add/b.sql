-- inheritance_add: the second schema
create table public.base (id int primary key, created date);
create table public.child (extra text) inherits (public.base);
