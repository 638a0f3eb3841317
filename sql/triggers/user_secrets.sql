-- sql/triggers/user_secrets.sql
-- Triggers on public.user_secrets: the secret audit trail and updated_at.

-- Every write to user_secrets leaves an audit row.
create or replace trigger user_secrets_audit
    after insert or update or delete on public.user_secrets
    for each row execute function public.user_secrets_log_operation();

create or replace trigger user_secrets_updated_at
    before update on public.user_secrets
    for each row execute function public.tg_stamp_updated_at();
