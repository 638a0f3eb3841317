-- schema_tool: no-transaction
-- sql/migrations/0026_semantic_search_graphs_with_more_links.sql
-- The HNSW graphs of the semantic searches, built again with more links per
-- node (m 32, ef_construction 128, against 16 and 64), without blocking
-- writes: the new index first, then the old one dropped. With 16 links, a
-- greedy walk could not reach some chunks at all (dense document sections of
-- nearly equidistant chunks), so the graph path of a large tenant missed
-- near chunks whatever the walk's width; with 32, the graph path found every
-- one in bench/knowledge_search.py's data (docs/knowledge-search.md: recall
-- 0.990 -> 1.000 for a tenant of 20,000 chunks in 80,000, about a fifth more
-- CPU a search, twice the build time). The names say the parameters, so a run
-- stopped half way (which may leave an invalid index behind: drop it, then
-- run again) is simply run again.
-- schema_tool: ignore squawk-ban-concurrent-index-creation-in-transaction (the first line runs this file outside one)

create index concurrently if not exists knowledge_chunks_embedding_m32_idx
    on public.knowledge_chunks using hnsw (embedding extensions.vector_cosine_ops)
    with (m = 32, ef_construction = 128);

drop index concurrently if exists public.knowledge_chunks_embedding_idx;

create index concurrently if not exists conversations_embedding_m32_idx
    on public.conversations using hnsw (embedding extensions.vector_cosine_ops)
    with (m = 32, ef_construction = 128);

drop index concurrently if exists public.conversations_embedding_hnsw_idx;
