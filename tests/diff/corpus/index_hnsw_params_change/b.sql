-- index_hnsw_params_change: the second schema
create table public.docs (id int primary key, embedding extensions.vector(3));
create index docs_embedding_idx on public.docs using hnsw (embedding extensions.vector_l2_ops) with (m = 24, ef_construction = 100);
