-- sql/functions/read_user_secret.sql

create or replace function public.read_user_secret(p_user_id uuid, p_service_name text)
returns public.user_secrets
language plpgsql
volatile
set search_path = ''
as $$
-- The audited way for the server to fetch a key for decryption: it stamps
-- last_used_at, which the audit trigger records as 'accessed'. A plain
-- SELECT by service_role cannot be audited (there are no select triggers);
-- server code reads secrets through this function.
declare
    secret public.user_secrets;
begin
    update public.user_secrets
    set last_used_at = now()
    where user_id = p_user_id
      and service_name = p_service_name
    returning * into secret;
    if not found then
        raise exception 'no % secret for user %', p_service_name, p_user_id using errcode = 'no_data_found';
    end if;
    if secret.expires_at is not null and secret.expires_at <= now() then
        raise exception 'the % secret of user % expired at %', p_service_name, p_user_id, secret.expires_at
            using errcode = 'invalid_authorization_specification';
    end if;
    return secret;
end
$$;

comment on function public.read_user_secret(uuid, text) is
    'Returns a user''s secret for one service, ciphertext and IV included, for server-side decryption; stamps last_used_at and writes an accessed row to secret_audit_logs. service_role only.';

revoke execute on function public.read_user_secret(uuid, text) from public, anon, authenticated;
grant execute on function public.read_user_secret(uuid, text) to service_role;
