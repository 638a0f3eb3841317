-- column_vector: the second schema
create table public.e (id int primary key, v extensions.vector(4));
