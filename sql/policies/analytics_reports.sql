-- sql/policies/analytics_reports.sql
-- Who may do what on public.analytics_reports. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.analytics_reports from anon, authenticated;
grant select, delete on public.analytics_reports to authenticated;
grant insert (id, user_id, campaign_id, report_type, title, period_start, period_end, status, data,
    created_at, updated_at)
    on public.analytics_reports to authenticated;
grant update (id, user_id, campaign_id, report_type, title, period_start, period_end, status, data,
    created_at, updated_at)
    on public.analytics_reports to authenticated;
grant all on public.analytics_reports to service_role;

create policy analytics_reports_owner on public.analytics_reports
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
