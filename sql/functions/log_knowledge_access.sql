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
    'Writes one knowledge_access_logs row for a search, attributed to the caller (service_role and server-side sessions: to p_user_id).';

revoke execute on function public.log_knowledge_access(uuid, text, jsonb, integer, double precision, numeric)
    from public, anon;
grant execute on function public.log_knowledge_access(uuid, text, jsonb, integer, double precision, numeric)
    to authenticated, service_role;
