-- schema_tool: no-transaction
-- sql/migrations/0020_search_and_listing_indexes.sql
-- Indexes for the largest tenants, built without blocking writes.
-- No transaction, so each statement says "if (not) exists": a run stopped
-- half way (which may leave an invalid index behind: drop it, then run
-- again) is simply run again.
-- schema_tool: ignore squawk-ban-concurrent-index-creation-in-transaction (the first line runs this file outside one)

-- The HNSW index on knowledge chunks, back: search_knowledge_chunks() ranks a
-- tenant of fewer than 20,000 chunks exactly through the btree on user_id,
-- and a larger one through this graph (docs/knowledge-search.md has the
-- measurements by tenant size).
create index concurrently if not exists knowledge_chunks_embedding_idx
    on public.knowledge_chunks using hnsw (embedding extensions.vector_cosine_ops)
    with (m = 16, ef_construction = 64);

-- A tenant's leads of one status, newest first, without sorting them: under
-- row level security the planner cannot see which tenant a query is for
-- (the policy's auth.uid() is a parameter), assumes an average one, and
-- took the (created_by, status) index and sorted every lead of that status
-- (bench/rls.py). This index serves both orders; it replaces that one.
create index concurrently if not exists leads_created_by_status_created_at_idx
    on public.leads (created_by, status, created_at desc);

drop index concurrently if exists public.leads_created_by_status_idx;
