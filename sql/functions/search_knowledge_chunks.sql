-- sql/functions/search_knowledge_chunks.sql

create or replace function public.search_knowledge_chunks(
    p_user_id uuid,
    p_query_embedding extensions.vector(1536),
    p_limit integer default 10,
    p_similarity_threshold double precision default 0
)
returns table (
    chunk_id uuid,
    document_id uuid,
    chunk_index integer,
    content text,
    metadata jsonb,
    similarity double precision
)
language plpgsql
volatile
set search_path = ''
-- Only used if an HNSW index is ever added for very large tenants: iterative
-- scans then keep walking until enough of this user's rows pass the filter,
-- instead of returning short answers (pgvector 0.8).
set hnsw.iterative_scan = 'relaxed_order'
set hnsw.ef_search = 100
as $$
-- Runs with the caller's rights: row level security limits an authenticated
-- caller to their own chunks whatever p_user_id says (another user's id
-- yields nothing); service_role may search any user's chunks.
--
-- The ranking is exact: the tenant's chunks are read through the btree on
-- user_id and sorted by cosine distance (docs/knowledge-search.md has the
-- measurements against IVFFLAT and HNSW). The statement is executed
-- dynamically so that it is planned with the actual user id, and the
-- threshold is applied outside the materialized nearest-neighbour query,
-- which orders by the bare distance operator, so an index scan (should one
-- be added) is never kept walking by it.
declare
    started timestamptz := clock_timestamp();
    found jsonb;
begin
    if p_query_embedding is null then
        raise exception 'search_knowledge_chunks: p_query_embedding must not be NULL'
            using errcode = 'null_value_not_allowed';
    end if;
    -- cosine similarity of a zero vector is NaN, which would pass any threshold
    if extensions.vector_norm(p_query_embedding) = 0 then
        raise exception 'search_knowledge_chunks: p_query_embedding has zero norm, so no similarity is defined for it'
            using errcode = 'invalid_parameter_value';
    end if;
    if p_limit is null or p_limit < 1 or p_limit > 1000 then
        raise exception 'p_limit must be between 1 and 1000, not %', p_limit
            using errcode = 'invalid_parameter_value';
    end if;
    execute $query$
        with nearest as materialized (
            select c.id, c.document_id, c.chunk_index, c.content, c.metadata,
                   c.embedding operator(extensions.<=>) $2 as distance
            from public.knowledge_chunks as c
            where c.user_id = $1
              and c.embedding is not null
            order by c.embedding operator(extensions.<=>) $2
            limit $3
        )
        select coalesce(jsonb_agg(jsonb_build_object(
                   'chunk_id', n.id, 'document_id', n.document_id, 'chunk_index', n.chunk_index,
                   'content', n.content, 'metadata', n.metadata, 'similarity', 1 - n.distance
               ) order by n.distance), '[]')
        from nearest as n
        where 1 - n.distance >= $4
    $query$
    into found
    using p_user_id, p_query_embedding, p_limit, coalesce(p_similarity_threshold, -1);

    perform public.log_knowledge_access(
        p_user_id, encode(sha256(convert_to(p_query_embedding::text, 'UTF8')), 'hex'), found, p_limit,
        coalesce(p_similarity_threshold, -1),
        extract(epoch from clock_timestamp() - started) * 1000
    );

    return query
    select r.chunk_id, r.document_id, r.chunk_index, r.content, r.metadata, r.similarity
    from jsonb_to_recordset(found) as r (
        chunk_id uuid, document_id uuid, chunk_index integer, content text, metadata jsonb,
        similarity double precision
    );
end
$$;

comment on function public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision) is
    'Semantic search over the caller''s knowledge chunks: cosine similarity (1 - distance), best first, at least p_similarity_threshold, at most p_limit rows. Every call is written to knowledge_access_logs.';

revoke execute on function public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision)
    from public, anon;
grant execute on function public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision)
    to authenticated, service_role;
