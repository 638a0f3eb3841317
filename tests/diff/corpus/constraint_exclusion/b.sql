-- constraint_exclusion: the second schema
create table public.r (id int primary key, during int4range, constraint r_no_overlap exclude using gist (during with &&));
