-- index_hnsw_params_change: the first schema
create table public.docs (id int primary key, embedding extensions.vector(3));
create index docs_embedding_idx on public.docs using hnsw (embedding extensions.vector_cosine_ops) with (m = 16, ef_construction = 64);
