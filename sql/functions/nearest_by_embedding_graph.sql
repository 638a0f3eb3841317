-- sql/functions/nearest_by_embedding_graph.sql

create or replace function public.nearest_by_embedding_graph(
    p_table regclass,
    p_user_id uuid,
    p_query_embedding extensions.vector(1536),
    p_limit integer
)
returns table (id uuid, distance double precision)
language plpgsql
stable
-- p_limit rows, 10 by default: without this the planner expects 1000 and
-- joins the callers' tables to the answer by reading them whole (a hash
-- join over a sequential scan) instead of by primary key
rows 10
set search_path = ''
-- Iterative scans keep walking the HNSW graph until enough rows of this
-- tenant pass the filter instead of returning short answers. The walk is
-- capped at 5,000 tuples: one that cannot find this tenant's rows gives up
-- early, and the exact ranking answers.
set hnsw.iterative_scan = 'relaxed_order'
set hnsw.ef_search = 100
set hnsw.max_scan_tuples = 5000
-- Makes the HNSW index the only plan for the walk: a plan cannot fall back to
-- sorting a large tenant's rows, whatever it assumes about p_user_id.
set enable_sort = off
-- Planned once per session (above: the plan is the index's, whatever the
-- tenant), not again at every call: planning cost about 1 ms a call.
set plan_cache_mode = force_generic_plan
as $$
-- The graph path of search_knowledge_chunks() and search_conversations(),
-- for tenants of embedding_graph_from() rows or more: the p_limit rows of
-- p_user_id nearest to p_query_embedding by cosine distance, nearest first.
-- Runs with the caller's rights (row level security applies).
--
-- The graph's answer is trusted when it is full and its best match has a
-- similarity of 0.8 or more; otherwise the tenant's rows are ranked exactly:
-- when the tenant has nothing near the query, its rows are all about equally
-- far, and no graph walk finds which ones are nearest. (Fetching more rows
-- from the walk and keeping the nearest, or a wider walk, found nothing more
-- in bench/knowledge_search.py: what the graph misses it cannot reach.)
--
-- One static statement for each of the two tables, the same but for the
-- table's name: static, so its plan is kept for the session (a statement
-- built with format() was planned again at every call). Keep them alike.
begin
    if p_table is null or p_table not in ('public.knowledge_chunks'::regclass, 'public.conversations'::regclass) then
        raise exception 'nearest_by_embedding_graph: p_table must be public.knowledge_chunks or public.conversations, not %',
            p_table
            using errcode = 'invalid_parameter_value';
    end if;
    if p_query_embedding is null then
        raise exception 'nearest_by_embedding_graph: p_query_embedding must not be NULL'
            using errcode = 'null_value_not_allowed';
    end if;
    if p_limit is null or p_limit < 1 or p_limit > 1000 then
        raise exception 'nearest_by_embedding_graph: p_limit must be between 1 and 1000, not %', p_limit
            using errcode = 'invalid_parameter_value';
    end if;

    if p_table = 'public.knowledge_chunks'::regclass then
        return query
        with by_graph as materialized (
            select t.id, t.embedding operator(extensions.<=>) p_query_embedding as distance
            from public.knowledge_chunks as t
            where t.user_id = p_user_id
              and t.embedding is not null
            order by t.embedding operator(extensions.<=>) p_query_embedding
            limit p_limit
        ),

        trusted as (
            select count(*) = p_limit and min(g.distance) <= 1 - 0.8 as yes
            from by_graph as g
        ),

        exactly as materialized (
            select t.id, extensions.cosine_distance(t.embedding, p_query_embedding) as distance
            from public.knowledge_chunks as t
            where t.user_id = p_user_id
              and t.embedding is not null
              and not (select tr.yes from trusted as tr)
            order by distance
            limit p_limit
        )

        select g.id, g.distance from by_graph as g where (select tr.yes from trusted as tr)
        union all
        select e.id, e.distance from exactly as e;
        return;
    end if;

    return query
    with by_graph as materialized (
        select t.id, t.embedding operator(extensions.<=>) p_query_embedding as distance
        from public.conversations as t
        where t.user_id = p_user_id
          and t.embedding is not null
        order by t.embedding operator(extensions.<=>) p_query_embedding
        limit p_limit
    ),

    trusted as (
        select count(*) = p_limit and min(g.distance) <= 1 - 0.8 as yes
        from by_graph as g
    ),

    exactly as materialized (
        select t.id, extensions.cosine_distance(t.embedding, p_query_embedding) as distance
        from public.conversations as t
        where t.user_id = p_user_id
          and t.embedding is not null
          and not (select tr.yes from trusted as tr)
        order by distance
        limit p_limit
    )

    select g.id, g.distance from by_graph as g where (select tr.yes from trusted as tr)
    union all
    select e.id, e.distance from exactly as e;
end
$$;

comment on function public.nearest_by_embedding_graph(regclass, uuid, extensions.vector, integer) is
    'The graph path of the semantic searches: ids and cosine distances of the p_limit rows of p_user_id in public.knowledge_chunks or public.conversations nearest to p_query_embedding, through the HNSW index (ranked exactly when the graph finds nothing close). Runs with the caller''s rights.';

revoke execute on function public.nearest_by_embedding_graph(regclass, uuid, extensions.vector, integer)
    from public, anon;
grant execute on function public.nearest_by_embedding_graph(regclass, uuid, extensions.vector, integer)
    to authenticated, service_role;
