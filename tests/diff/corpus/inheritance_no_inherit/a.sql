-- inheritance_no_inherit: the first schema
create table public.base (id int, created date);
create table public.child (extra text) inherits (public.base);
