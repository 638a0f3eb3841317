-- inheritance_add: the first schema
create table public.base (id int primary key, created date);
