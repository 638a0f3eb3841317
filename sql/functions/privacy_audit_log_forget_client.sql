-- sql/functions/privacy_audit_log_forget_client.sql

create or replace function public.privacy_audit_log_forget_client()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Deleting an account sets user_id to null on its audit rows; the client
-- address and user agent are personal data too, so they go at the same time.
begin
    if new.user_id is null then
        new.ip_address := null;
        new.user_agent := null;
    end if;
    return new;
end
$$;

comment on function public.privacy_audit_log_forget_client() is
    'BEFORE UPDATE OF user_id trigger on privacy_audit_log: an erased account''s rows lose their client address and user agent.';

revoke execute on function public.privacy_audit_log_forget_client() from public, anon, authenticated;
