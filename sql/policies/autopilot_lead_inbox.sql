-- sql/policies/autopilot_lead_inbox.sql
-- Who may do what on public.autopilot_lead_inbox. Re-applied as a whole.
-- Rows are made by the leads trigger; the owner reads them, marks them read or archived, and removes them.

revoke all on public.autopilot_lead_inbox from anon, authenticated;
grant select, update (is_read, archived_at), delete on public.autopilot_lead_inbox to authenticated;
grant all on public.autopilot_lead_inbox to service_role;

create policy autopilot_lead_inbox_select_own on public.autopilot_lead_inbox
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy autopilot_lead_inbox_update_own on public.autopilot_lead_inbox
    for update
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);

create policy autopilot_lead_inbox_delete_own on public.autopilot_lead_inbox
    for delete
    to authenticated
    using ((select auth.uid()) = user_id);
