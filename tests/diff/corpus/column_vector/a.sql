-- column_vector: the first schema
create table public.e (id int primary key, v extensions.vector(3));
