-- sql/functions/log_knowledge_access.sql

create or replace function public.log_knowledge_access(
    p_user_id uuid,
    p_query_hash text,
    p_chunk_ids uuid[],
    p_top_similarity double precision,
    p_limit integer,
    p_similarity_threshold double precision,
    p_duration_ms numeric
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Users cannot write the audit trail themselves, so this runs as its owner.
-- An authenticated caller's row is attributed to auth.uid(), never to the id
-- the caller passed. service_role, and a server-side session without a JWT
-- (the table owner, a job), search on behalf of p_user_id and log under it.
-- The results come as the array the row keeps (best first) and the best
-- similarity, so nothing is built or parsed on the way (a jsonb array of
-- results cost a search more than the insert itself).
declare
    caller uuid := auth.uid();
    searcher uuid := case
        when auth.role() = 'service_role' then p_user_id
        when caller is null and current_setting('role') not in ('authenticated', 'anon') then p_user_id
        else caller
    end;
begin
    -- a caller may reach this directly: only a search's own shape is logged
    if p_query_hash is null or p_query_hash !~ '^[0-9a-f]{32}$' then
        raise exception 'p_query_hash must be an md5 in hex (32 characters 0-9a-f)'
            using errcode = 'invalid_parameter_value';
    end if;
    if p_chunk_ids is null or cardinality(p_chunk_ids) > 1000 or array_position(p_chunk_ids, null) is not null then
        raise exception 'p_chunk_ids must be an array of at most 1000 chunk ids, without NULLs'
            using errcode = 'invalid_parameter_value';
    end if;
    if (p_top_similarity is null) <> (cardinality(p_chunk_ids) = 0)
        or p_top_similarity not between -1 and 1
    then
        raise exception 'p_top_similarity must be the best result''s similarity (-1 to 1), and NULL only without results'
            using errcode = 'invalid_parameter_value';
    end if;
    if p_limit is null or p_limit < 1 or p_limit > 1000 then
        raise exception 'p_limit must be between 1 and 1000, not %', p_limit
            using errcode = 'invalid_parameter_value';
    end if;
    if searcher is null then
        return;
    end if;
    insert into public.knowledge_access_logs
        (user_id, query_hash, result_count, top_similarity, similarity_threshold, result_limit, chunk_ids,
         duration_ms)
    values (
        searcher, p_query_hash, cardinality(p_chunk_ids), p_top_similarity, p_similarity_threshold, p_limit,
        p_chunk_ids, round(p_duration_ms, 3)
    );
end
$$;

comment on function public.log_knowledge_access(uuid, text, uuid[], double precision, integer, double precision, numeric) is
    'Writes one knowledge_access_logs row for a search, attributed to the caller (service_role and server-side sessions: to p_user_id). Refuses what no search produces: a hash that is not md5 hex, more than 1000 chunk ids or a NULL among them, a top similarity outside -1..1 or missing with results, a limit outside 1..1000.';

revoke execute on function public.log_knowledge_access(uuid, text, uuid[], double precision, integer, double precision, numeric)
    from public, anon;
grant execute on function public.log_knowledge_access(uuid, text, uuid[], double precision, integer, double precision, numeric)
    to authenticated, service_role;
