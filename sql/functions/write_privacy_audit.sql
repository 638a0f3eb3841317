-- sql/functions/write_privacy_audit.sql

create or replace function public.write_privacy_audit(
    p_user_id uuid,
    p_event_type text,
    p_details jsonb default '{}'
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- The client's address and user agent come from the request headers that
-- the API gateway puts into request.headers, when there are any. The
-- address is the last X-Forwarded-For hop: the one the platform's proxy
-- appended (the address it saw). Earlier hops were sent by the client and
-- may be anything, so they are not recorded. A hop that is no address is
-- recorded as NULL rather than failing the audited action.
declare
    headers jsonb := nullif(current_setting('request.headers', true), '')::jsonb;
    last_hop text := btrim(reverse(split_part(reverse(coalesce(headers ->> 'x-forwarded-for', '')), ',', 1)));
    client inet;
begin
    begin
        client := nullif(last_hop, '')::inet;
    exception when invalid_text_representation then
        client := null;
    end;
    -- clock_timestamp(), not now(): events of one transaction keep their order
    insert into public.privacy_audit_log (user_id, event_type, details, ip_address, user_agent, created_at)
    values (
        p_user_id,
        p_event_type,
        coalesce(p_details, '{}'),
        client,
        headers ->> 'user-agent',
        clock_timestamp()
    );
end
$$;

comment on function public.write_privacy_audit(uuid, text, jsonb) is
    'Appends one privacy_audit_log row with the client address (the last X-Forwarded-For hop, the one the platform appended) and user agent of the current request. For triggers and server code only.';

revoke execute on function public.write_privacy_audit(uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.write_privacy_audit(uuid, text, jsonb) to service_role;
