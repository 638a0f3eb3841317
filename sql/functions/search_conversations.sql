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
-- Planned once per session, not again at every call with the caller's
-- values: see search_knowledge_chunks(). The path is chosen by the count, so
-- the generic plan is as right as a custom one.
set plan_cache_mode = force_generic_plan
as $$
-- Semantic search over one user's conversations: the p_limit nearest by
-- cosine distance, then those with similarity >= p_similarity_threshold,
-- best first. Runs with the caller's rights (row level security applies),
-- and a caller that is not service_role (or a trusted database role) may
-- only search its own conversations.
--
-- Two paths, chosen by the number of the user's conversations (an index-only
-- scan of the btree on user_id, stopped at embedding_graph_from()), never by
-- the planner's guess: fewer are ranked exactly by cosine_distance(), which the
-- HNSW index cannot serve; more go through the HNSW index, by
-- nearest_by_embedding_graph() (which ranks exactly after all when the
-- graph finds nothing close). The threshold is applied outside the
-- nearest-neighbour query, so it never keeps an index scan walking. Static
-- statements: their plans are cached, and a generic plan takes the same path
-- as a custom one.
declare
    through_graph boolean;
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
    if current_user in ('anon', 'authenticated')
        and p_user_id is distinct from auth.uid()
        and coalesce(auth.role(), '') <> 'service_role'
    then
        raise exception 'search_conversations: may only search the caller''s own conversations'
            using errcode = 'insufficient_privilege';
    end if;
    if p_limit is null or p_limit < 1 or p_limit > 1000 then
        raise exception 'search_conversations: p_limit must be between 1 and 1000, got %', p_limit
            using errcode = 'invalid_parameter_value';
    end if;

    -- whether the user has an embedding_graph_from()-th conversation: the
    -- index-only scan stops there, and skipping rows costs less than counting them
    through_graph := exists (
        select
        from public.conversations as c
        where c.user_id = p_user_id
        offset public.embedding_graph_from() - 1
    );

    if through_graph then
        return query
        select c.id, c.title, c.summary, c.last_message_at, 1 - g.distance
        from public.nearest_by_embedding_graph('public.conversations', p_user_id, p_query_embedding, p_limit) as g
        inner join public.conversations as c on c.id = g.id
        where 1 - g.distance >= coalesce(p_similarity_threshold, 0.0)
        order by g.distance, g.id;
        return;
    end if;

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
end
$$;

comment on function public.search_conversations(uuid, extensions.vector, integer, double precision) is
    'Semantic search over a user''s conversations by embedding: id, title, summary and similarity (1 - cosine distance), best first, at most p_limit rows with similarity >= p_similarity_threshold. Non-service callers may only pass their own user id.';

revoke execute on function public.search_conversations(uuid, extensions.vector, integer, double precision) from public, anon;
grant execute on function public.search_conversations(uuid, extensions.vector, integer, double precision) to authenticated, service_role;
