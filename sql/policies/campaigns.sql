-- sql/policies/campaigns.sql
-- Who may do what on public.campaigns. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.campaigns from anon, authenticated;
grant select, delete on public.campaigns to authenticated;
grant insert (id, created_by, name, description, objective, channel, status, auto_managed, budget, currency,
    start_date, end_date, target_audience, metrics, demographics, kpi_targets, created_at,
    updated_at)
    on public.campaigns to authenticated;
grant update (id, created_by, name, description, objective, channel, status, auto_managed, budget, currency,
    start_date, end_date, target_audience, metrics, demographics, kpi_targets, created_at,
    updated_at)
    on public.campaigns to authenticated;
grant all on public.campaigns to service_role;

create policy campaigns_owner on public.campaigns
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
