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
-- The graph path: iterative scans keep walking the HNSW graph until p_limit
-- rows of this tenant pass the filter instead of returning short answers
-- (ef_search 200 bought little recall for its cost: docs/knowledge-search.md). The
-- walk is capped at 5,000 tuples: one that cannot find this tenant's rows
-- gives up early, and the exact ranking answers.
set hnsw.iterative_scan = 'relaxed_order'
set hnsw.ef_search = 100
set hnsw.max_scan_tuples = 5000
-- Sorting is never avoidable on the exact path, and on the graph path this
-- makes the HNSW index the only plan: a generic plan cannot fall back to
-- sorting a large tenant's chunks, whatever it assumes about p_user_id.
set enable_sort = off
as $$
-- Runs with the caller's rights: row level security limits an authenticated
-- caller to their own chunks whatever p_user_id says (another user's id
-- yields nothing); service_role may search any user's chunks.
--
-- Two paths, chosen by counting the tenant's chunks (an index-only scan of
-- the btree on user_id, stopped at graph_from), never by the planner's guess:
-- - a tenant with fewer than graph_from chunks is ranked exactly: its chunks
--   through the btree, sorted by cosine_distance(), which the HNSW index
--   cannot serve, so no plan walks the graph for a small tenant;
-- - a larger tenant is answered through the HNSW index (the distance
--   operator, an iterative scan), and ranked exactly after all should the
--   walk come back short (it stops after hnsw.max_scan_tuples tuples) or
--   find no chunk with a similarity of graph_trusted_from or more.
-- The threshold is applied outside the nearest-neighbour query, so it never
-- keeps an index scan walking. The statements are static: their plans are
-- cached, and a generic plan takes the same path as a custom one.
declare
    graph_from constant integer := 20000;
    graph_trusted_from constant double precision := 0.8;
    started timestamptz := clock_timestamp();
    tenant_chunks integer;
    ranked refcursor;
    chunk_ids uuid[] := '{}';
    similarities double precision[] := '{}';
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

    select count(*) into tenant_chunks
    from (
        select 1
        from public.knowledge_chunks as c
        where c.user_id = p_user_id
        limit graph_from
    ) as t;

    if tenant_chunks < graph_from then
        open ranked for
            select n.id, n.document_id, n.chunk_index, n.content, n.metadata, 1 - n.distance
            from (
                select c.id, c.document_id, c.chunk_index, c.content, c.metadata,
                       extensions.cosine_distance(c.embedding, p_query_embedding) as distance
                from public.knowledge_chunks as c
                where c.user_id = p_user_id
                  and c.embedding is not null
                order by distance
                limit p_limit
            ) as n
            where 1 - n.distance >= coalesce(p_similarity_threshold, -1)
            order by n.distance;
    else
        open ranked for
            with by_graph as materialized (
                select c.id, c.document_id, c.chunk_index, c.content, c.metadata,
                       c.embedding operator(extensions.<=>) p_query_embedding as distance
                from public.knowledge_chunks as c
                where c.user_id = p_user_id
                  and c.embedding is not null
                order by c.embedding operator(extensions.<=>) p_query_embedding
                limit p_limit
            ),

            -- Trusted when it is full and its best match is close: when the
            -- tenant has nothing near the query, its chunks are all about
            -- equally far, and no graph walk finds which ten are nearest.
            trusted as (
                select count(*) = p_limit and min(g.distance) <= 1 - graph_trusted_from as yes
                from by_graph as g
            ),

            exactly as materialized (
                select c.id, c.document_id, c.chunk_index, c.content, c.metadata,
                       extensions.cosine_distance(c.embedding, p_query_embedding) as distance
                from public.knowledge_chunks as c
                where c.user_id = p_user_id
                  and c.embedding is not null
                  and not (select t.yes from trusted as t)
                order by distance
                limit p_limit
            ),

            nearest as (
                select g.* from by_graph as g where (select t.yes from trusted as t)
                union all
                select e.* from exactly as e
            )

            select n.id, n.document_id, n.chunk_index, n.content, n.metadata, 1 - n.distance
            from nearest as n
            where 1 - n.distance >= coalesce(p_similarity_threshold, -1)
            order by n.distance;
    end if;

    loop
        fetch ranked into chunk_id, document_id, chunk_index, content, metadata, similarity;
        exit when not found;
        return next;
        chunk_ids := array_append(chunk_ids, chunk_id);
        similarities := array_append(similarities, similarity);
    end loop;
    close ranked;

    perform public.log_knowledge_access(
        p_user_id, encode(sha256(extensions.vector_send(p_query_embedding)), 'hex'),
        (
            select coalesce(jsonb_agg(jsonb_build_object('chunk_id', r.id, 'similarity', r.s) order by r.n), '[]')
            from unnest(chunk_ids, similarities) with ordinality as r (id, s, n)
        ),
        p_limit, coalesce(p_similarity_threshold, -1),
        extract(epoch from clock_timestamp() - started) * 1000
    );
end
$$;

comment on function public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision) is
    'Semantic search over the caller''s knowledge chunks: cosine similarity (1 - distance), best first, at least p_similarity_threshold, at most p_limit rows. Every call is written to knowledge_access_logs.';

revoke execute on function public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision)
    from public, anon;
grant execute on function public.search_knowledge_chunks(uuid, extensions.vector, integer, double precision)
    to authenticated, service_role;
