-- schema_tool: no-transaction
-- sql/migrations/0020_knowledge_chunks_hnsw.sql
-- The HNSW index on knowledge chunks, back for the largest tenants:
-- search_knowledge_chunks() ranks a tenant of fewer than 2,000 chunks
-- exactly through the btree on user_id, and a larger one through this graph
-- (docs/knowledge-search.md has the measurements by tenant size). Built
-- without blocking writes; "if not exists", so a run stopped half way (which
-- leaves an invalid index behind: drop it, then run again) is simply rerun.
-- schema_tool: ignore squawk-ban-concurrent-index-creation-in-transaction (the first line runs this file outside one)

create index concurrently if not exists knowledge_chunks_embedding_idx
    on public.knowledge_chunks using hnsw (embedding extensions.vector_cosine_ops)
    with (m = 16, ef_construction = 64);
