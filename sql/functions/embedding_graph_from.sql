-- sql/functions/embedding_graph_from.sql

create or replace function public.embedding_graph_from()
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
    -- The tenant size (rows with an embedding or not) from which the semantic
    -- searches go through the HNSW graph instead of ranking the tenant's rows
    -- exactly: below it the exact ranking costs less than a walk of the
    -- graph (docs/knowledge-search.md has the measurements). Immutable, so
    -- the searches' statements fold it into their plans.
    select 20000
$$;

comment on function public.embedding_graph_from() is
    'The tenant size from which search_knowledge_chunks() and search_conversations() answer through the HNSW graph (nearest_by_embedding_graph()) rather than ranking the tenant''s rows exactly.';

revoke execute on function public.embedding_graph_from() from public, anon;
grant execute on function public.embedding_graph_from() to authenticated, service_role;
