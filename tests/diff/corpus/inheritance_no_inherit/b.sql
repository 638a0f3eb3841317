-- inheritance_no_inherit: the second schema
create table public.base (id int, created date);
create table public.child (id int, created date, extra text);
