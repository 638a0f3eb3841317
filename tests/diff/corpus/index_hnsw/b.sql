-- index_hnsw: the second schema
create table public.e (id int primary key, v extensions.vector(3));
create index e_v_idx on public.e using hnsw (v extensions.vector_cosine_ops) with (m = 8, ef_construction = 32);
