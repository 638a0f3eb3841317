-- index_gin_trigram: the first schema
create extension if not exists pg_trgm with schema extensions;
create table public.t (id int primary key, name text, n int);
