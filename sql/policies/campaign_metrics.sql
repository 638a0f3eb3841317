-- sql/policies/campaign_metrics.sql
-- Who may do what on public.campaign_metrics. Re-applied as a whole.

revoke all on public.campaign_metrics from anon, authenticated;
grant select, insert, update, delete on public.campaign_metrics to authenticated;
grant all on public.campaign_metrics to service_role;

create policy campaign_metrics_owner on public.campaign_metrics
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
