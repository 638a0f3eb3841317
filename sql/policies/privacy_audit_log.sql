-- sql/policies/privacy_audit_log.sql
-- Who may do what on public.privacy_audit_log. Re-applied as a whole.
-- An audit trail: written by trigger functions, read by its user, never changed.
-- schema_tool: ignore tenant-column-nullable (rows of a deleted account stay as the record of its erasure, owned by nobody and shown to nobody)

revoke all on public.privacy_audit_log from anon, authenticated;
grant select on public.privacy_audit_log to authenticated;
grant all on public.privacy_audit_log to service_role;

create policy privacy_audit_log_select_own on public.privacy_audit_log
    for select
    to authenticated
    using ((select auth.uid()) = user_id);
