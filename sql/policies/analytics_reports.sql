-- sql/policies/analytics_reports.sql
-- Who may do what on public.analytics_reports. Re-applied as a whole.

revoke all on public.analytics_reports from anon, authenticated;
grant select, insert, update, delete on public.analytics_reports to authenticated;
grant all on public.analytics_reports to service_role;

create policy analytics_reports_owner on public.analytics_reports
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
