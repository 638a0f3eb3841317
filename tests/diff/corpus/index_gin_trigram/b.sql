-- index_gin_trigram: the second schema
create extension if not exists pg_trgm with schema extensions;
create table public.t (id int primary key, name text, n int);
create index t_name_trgm_idx on public.t using gin (name extensions.gin_trgm_ops);
