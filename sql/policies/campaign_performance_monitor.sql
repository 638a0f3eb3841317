-- sql/policies/campaign_performance_monitor.sql
-- Who may do what on public.campaign_performance_monitor. Re-applied as a whole.
-- The autopilot (service_role) writes the monitor; the owner reads it and sets alert thresholds.

revoke all on public.campaign_performance_monitor from anon, authenticated;
grant select, update (alert_thresholds) on public.campaign_performance_monitor to authenticated;
grant all on public.campaign_performance_monitor to service_role;

create policy campaign_performance_monitor_select_own on public.campaign_performance_monitor
    for select
    to authenticated
    using ((select auth.uid()) = created_by);

create policy campaign_performance_monitor_update_own on public.campaign_performance_monitor
    for update
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
