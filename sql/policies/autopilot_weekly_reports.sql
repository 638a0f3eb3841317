-- sql/policies/autopilot_weekly_reports.sql
-- Who may do what on public.autopilot_weekly_reports: reports are computed by the autopilot functions (service side); users read their own. Re-applied as a whole.

revoke all on public.autopilot_weekly_reports from anon, authenticated;
grant select on public.autopilot_weekly_reports to authenticated;
grant all on public.autopilot_weekly_reports to service_role;

create policy autopilot_weekly_reports_select_own on public.autopilot_weekly_reports
    for select
    to authenticated
    using ((select auth.uid()) = user_id);
