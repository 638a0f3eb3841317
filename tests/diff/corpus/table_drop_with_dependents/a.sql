-- table_drop_with_dependents: the first schema
create table public.parent (id int primary key);
create table public.child (id int primary key, parent_id int references public.parent (id));
create view public.parents as select id from public.parent;
