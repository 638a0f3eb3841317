-- sql/policies/secret_audit_logs.sql
-- Who may do what on public.secret_audit_logs. Re-applied as a whole.
-- An audit trail: written by trigger functions, read by its user, never changed.

revoke all on public.secret_audit_logs from anon, authenticated;
grant select on public.secret_audit_logs to authenticated;
grant all on public.secret_audit_logs to service_role;

create policy secret_audit_logs_select_own on public.secret_audit_logs
    for select
    to authenticated
    using ((select auth.uid()) = user_id);
