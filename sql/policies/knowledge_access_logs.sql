-- sql/policies/knowledge_access_logs.sql
-- Who may do what on public.knowledge_access_logs. Re-applied as a whole.
-- The audit trail is written by log_knowledge_access(); users only read their own rows.

revoke all on public.knowledge_access_logs from anon, authenticated;
grant select on public.knowledge_access_logs to authenticated;
grant all on public.knowledge_access_logs to service_role;

create policy knowledge_access_logs_select_own on public.knowledge_access_logs
    for select
    to authenticated
    using ((select auth.uid()) = user_id);
