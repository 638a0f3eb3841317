-- sql/functions/log_secret_operation.sql

create or replace function public.log_secret_operation()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
-- Users may not write the audit trail, so this runs as its owner. It records
-- which secret was touched and by whom, never the secret.
declare
    secret public.user_secrets := case when tg_op = 'DELETE' then old else new end;
begin
    -- A secret deleted because its account is being deleted leaves no trail:
    -- the trail goes with the account.
    if tg_op = 'DELETE' and not exists (select from auth.users as u where u.id = old.user_id) then
        return null;
    end if;
    insert into public.secret_audit_logs (user_id, secret_id, service_name, operation, actor_role)
    values (
        secret.user_id,
        secret.id,
        secret.service_name,
        case tg_op when 'INSERT' then 'created' when 'UPDATE' then 'updated' else 'deleted' end,
        coalesce(auth.role(), session_user)
    );
    return null;
end
$$;

comment on function public.log_secret_operation() is
    'AFTER INSERT, UPDATE or DELETE trigger on user_secrets: writes one secret_audit_logs row (without the secret).';

revoke execute on function public.log_secret_operation() from public, anon, authenticated;
