-- table_drop_with_dependents: the second schema
create table public.child (id int primary key, parent_id int);
