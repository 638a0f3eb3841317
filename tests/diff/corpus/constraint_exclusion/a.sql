-- constraint_exclusion: the first schema
create table public.r (id int primary key, during int4range);
