-- sql/triggers/privacy_audit_log.sql
-- Triggers on public.privacy_audit_log: forgetting the client of an erased account.

-- The audit rows of a deleted account stay, anonymous.
create or replace trigger privacy_audit_log_forget_client
    before update of user_id on public.privacy_audit_log
    for each row execute function public.privacy_audit_log_forget_client();
