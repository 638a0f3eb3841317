-- sql/functions/search_conversations.sql

create or replace function public.search_conversations(
    p_user_id uuid,
    p_query_embedding extensions.vector(1536),
    p_limit integer default 10,
    p_similarity_threshold double precision default 0.0
)
returns table (
    conversation_id uuid,
    title text,
    summary text,
    last_message_at timestamptz,
    similarity double precision
)
language plpgsql
stable
set search_path = ''
-- The graph path: iterative scans keep walking the HNSW graph until p_limit
-- rows of this user pass the filter instead of returning short answers
-- (ef_search 200 bought little recall for its cost: docs/knowledge-search.md). The
-- walk is capped at 5,000 tuples: one that cannot find this user's rows
-- gives up early, and the exact ranking answers.
set hnsw.iterative_scan = 'relaxed_order'
set hnsw.ef_search = 100
set hnsw.max_scan_tuples = 5000
-- Sorting is never avoidable on the exact path, and on the graph path this
-- makes the HNSW index the only plan: a generic plan cannot fall back to
-- sorting a large user's conversations, whatever it assumes about p_user_id.
set enable_sort = off
as $$
-- Semantic search over one user's conversations: the p_limit nearest by
-- cosine distance, then those with similarity >= p_similarity_threshold,
-- best first. Runs with the caller's rights (row level security applies),
-- and a caller that is not service_role (or a trusted database role) may
-- only search its own conversations.
declare
    graph_from constant integer := 20000;
    graph_trusted_from constant double precision := 0.8;
    user_conversations integer;
begin
    if p_query_embedding is null then
        raise exception 'search_conversations: p_query_embedding must not be NULL'
            using errcode = 'null_value_not_allowed';
    end if;
    -- cosine similarity of a zero vector is NaN, which would pass any threshold
    if extensions.vector_norm(p_query_embedding) = 0 then
        raise exception 'search_conversations: p_query_embedding has zero norm, so no similarity is defined for it'
            using errcode = 'invalid_parameter_value';
    end if;
    if p_user_id is null then
        raise exception 'search_conversations: p_user_id is required'
            using errcode = 'null_value_not_allowed';
    end if;
    if p_user_id is distinct from (select auth.uid())
        and coalesce((select auth.role()), '') <> 'service_role'
        and current_user in ('anon', 'authenticated')
    then
        raise exception 'search_conversations: may only search the caller''s own conversations'
            using errcode = 'insufficient_privilege';
    end if;
    if p_limit is null or p_limit < 1 or p_limit > 1000 then
        raise exception 'search_conversations: p_limit must be between 1 and 1000, got %', p_limit
            using errcode = 'invalid_parameter_value';
    end if;
    if p_query_embedding is null then
        return;
    end if;

    -- Two paths, chosen by counting the user's conversations (an index-only
    -- scan of the btree on user_id, stopped at graph_from), never by the
    -- planner's guess: fewer than graph_from are ranked exactly by
    -- cosine_distance(), which the HNSW index cannot serve; more go through
    -- the HNSW index (the distance operator, an iterative scan), ranked
    -- exactly after all should the walk come back short or find nothing
    -- with a similarity of graph_trusted_from or more. The threshold is
    -- applied outside the nearest-neighbour query, so it never keeps an
    -- index scan walking. Static statements: their plans are cached, and a
    -- generic plan takes the same path as a custom one.
    select count(*) into user_conversations
    from (
        select 1
        from public.conversations as c
        where c.user_id = p_user_id
        limit graph_from
    ) as t;

    if user_conversations < graph_from then
        return query
        select n.id, n.title, n.summary, n.last_message_at, 1 - n.distance
        from (
            select c.id, c.title, c.summary, c.last_message_at,
                   extensions.cosine_distance(c.embedding, p_query_embedding) as distance
            from public.conversations as c
            where c.user_id = p_user_id
              and c.embedding is not null
            order by distance
            limit p_limit
        ) as n
        where 1 - n.distance >= coalesce(p_similarity_threshold, 0.0)
        order by n.distance, n.id;
        return;
    end if;

    return query
    with by_graph as materialized (
        select c.id, c.title, c.summary, c.last_message_at,
               c.embedding operator(extensions.<=>) p_query_embedding as distance
        from public.conversations as c
        where c.user_id = p_user_id
          and c.embedding is not null
        order by c.embedding operator(extensions.<=>) p_query_embedding
        limit p_limit
    ),

    -- Trusted when it is full and its best match is close: when the user
    -- has nothing near the query, the conversations are all about equally
    -- far, and no graph walk finds which ones are nearest.
    trusted as (
        select count(*) = p_limit and min(g.distance) <= 1 - graph_trusted_from as yes
        from by_graph as g
    ),

    exactly as materialized (
        select c.id, c.title, c.summary, c.last_message_at,
               extensions.cosine_distance(c.embedding, p_query_embedding) as distance
        from public.conversations as c
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

    select n.id, n.title, n.summary, n.last_message_at, 1 - n.distance
    from nearest as n
    where 1 - n.distance >= coalesce(p_similarity_threshold, 0.0)
    order by n.distance, n.id;
end
$$;

comment on function public.search_conversations(uuid, extensions.vector, integer, double precision) is
    'Semantic search over a user''s conversations by embedding: id, title, summary and similarity (1 - cosine distance), best first, at most p_limit rows with similarity >= p_similarity_threshold. Non-service callers may only pass their own user id.';

revoke execute on function public.search_conversations(uuid, extensions.vector, integer, double precision) from public, anon;
grant execute on function public.search_conversations(uuid, extensions.vector, integer, double precision) to authenticated, service_role;
