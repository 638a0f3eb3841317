-- sql/policies/campaign_performance_metrics.sql
-- Who may do what on public.campaign_performance_metrics. Re-applied as a whole.

revoke all on public.campaign_performance_metrics from anon, authenticated;
grant select, insert, update, delete on public.campaign_performance_metrics to authenticated;
grant all on public.campaign_performance_metrics to service_role;

create policy campaign_performance_metrics_owner on public.campaign_performance_metrics
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
