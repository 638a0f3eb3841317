-- sql/functions/log_knowledge_access.sql

create or replace function public.log_knowledge_access(
    p_user_id uuid,
    p_query_hash text,
    p_results jsonb,
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
declare
    searcher uuid := case
        when auth.role() = 'service_role' then p_user_id
        when auth.uid() is null and current_setting('role') not in ('authenticated', 'anon') then p_user_id
        else auth.uid()
    end;
begin
    -- a caller may reach this directly: only a search's own shape is logged
    if p_query_hash is null or p_query_hash !~ '^[0-9a-f]{64}$' then
        raise exception 'p_query_hash must be a sha256 in hex (64 characters 0-9a-f)'
            using errcode = 'invalid_parameter_value';
    end if;
    if p_results is null or jsonb_typeof(p_results) <> 'array' or jsonb_array_length(p_results) > 1000 then
        raise exception 'p_results must be a JSON array of at most 1000 results'
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
        searcher,
        p_query_hash,
        jsonb_array_length(p_results),
        (p_results -> 0 ->> 'similarity')::double precision,
        p_similarity_threshold,
        p_limit,
        array(select (r ->> 'chunk_id')::uuid from jsonb_array_elements(p_results) as r),
        round(p_duration_ms, 3)
    );
end
$$;

comment on function public.log_knowledge_access(uuid, text, jsonb, integer, double precision, numeric) is
    'Writes one knowledge_access_logs row for a search, attributed to the caller (service_role and server-side sessions: to p_user_id). Refuses what no search produces: a hash that is not sha256 hex, results that are not an array of at most 1000, a limit outside 1..1000.';

revoke execute on function public.log_knowledge_access(uuid, text, jsonb, integer, double precision, numeric)
    from public, anon;
grant execute on function public.log_knowledge_access(uuid, text, jsonb, integer, double precision, numeric)
    to authenticated, service_role;
