-- sql/triggers/secret_audit.sql
-- Every write to user_secrets leaves an audit row.

create or replace trigger user_secrets_audit
    after insert or update or delete on public.user_secrets
    for each row execute function public.log_secret_operation();
