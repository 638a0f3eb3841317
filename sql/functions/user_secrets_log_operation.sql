-- sql/functions/user_secrets_log_operation.sql

create or replace function public.user_secrets_log_operation()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Users may not write the audit trail, so this runs as its owner. It records
-- which secret was touched and by whom, never the secret.
declare
    secret public.user_secrets := case when tg_op = 'DELETE' then old else new end;
    operation text := case tg_op when 'INSERT' then 'created' when 'UPDATE' then 'updated' else 'deleted' end;
begin
    -- A secret deleted because its account is being deleted leaves no trail:
    -- the trail goes with the account.
    if tg_op = 'DELETE' and not exists (select from auth.users as u where u.id = old.user_id) then
        return null;
    end if;
    -- An update that only stamps last_used_at is a use of the secret (the
    -- server read and decrypted it, see read_user_secret), not a change.
    if tg_op = 'UPDATE'
       and (to_jsonb(new) - 'last_used_at' - 'updated_at') = (to_jsonb(old) - 'last_used_at' - 'updated_at') then
        if new.last_used_at is not distinct from old.last_used_at then
            return null;
        end if;
        operation := 'accessed';
    end if;
    -- clock_timestamp(), not now(): operations of one transaction keep their order
    insert into public.secret_audit_logs (user_id, secret_id, service_name, operation, actor_role, created_at)
    values (secret.user_id, secret.id, secret.service_name, operation, coalesce(auth.role(), session_user),
            clock_timestamp());
    return null;
end
$$;

comment on function public.user_secrets_log_operation() is
    'AFTER INSERT, UPDATE or DELETE trigger on user_secrets: writes one secret_audit_logs row (without the secret); an update stamping only last_used_at is logged as accessed, a no-op update not at all.';

revoke execute on function public.user_secrets_log_operation() from public, anon, authenticated;
