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
-- the HNSW scan keeps going until p_limit rows of this user are found
set hnsw.iterative_scan = 'relaxed_order'
set hnsw.ef_search = '100'
as $$
-- Semantic search over one user's conversations: the p_limit nearest by
-- cosine distance, then those with similarity >= p_similarity_threshold,
-- best first. Runs with the caller's rights (row level security applies),
-- and a caller that is not service_role (or a trusted database role) may
-- only search its own conversations.
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

    -- Dynamic SQL with parameters: each call is planned seeing the actual
    -- user id, so the planner can take the tenant btree for a small tenant
    -- and the HNSW index otherwise. The inner query orders by the bare
    -- distance operator with a limit (what the HNSW index serves); the
    -- threshold is applied outside, after the materialized nearest set.
    return query execute $q$
        with nearest as materialized (
            select c.id,
                   c.title,
                   c.summary,
                   c.last_message_at,
                   c.embedding operator(extensions.<=>) $2 as distance
            from public.conversations as c
            where c.user_id = $1
              and c.embedding is not null
            order by c.embedding operator(extensions.<=>) $2
            limit $3
        )
        select n.id,
               n.title,
               n.summary,
               n.last_message_at,
               (1 - n.distance)::double precision
        from nearest as n
        where 1 - n.distance >= $4
        order by n.distance, n.id
    $q$
    using p_user_id, p_query_embedding, p_limit, coalesce(p_similarity_threshold, 0.0);
end
$$;

comment on function public.search_conversations(uuid, extensions.vector, integer, double precision) is
    'Semantic search over a user''s conversations by embedding: id, title, summary and similarity (1 - cosine distance), best first, at most p_limit rows with similarity >= p_similarity_threshold. Non-service callers may only pass their own user id.';

revoke execute on function public.search_conversations(uuid, extensions.vector, integer, double precision) from public, anon;
grant execute on function public.search_conversations(uuid, extensions.vector, integer, double precision) to authenticated, service_role;
