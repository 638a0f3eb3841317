-- sql/policies/autopilot_activity_log.sql
-- Who may do what on public.autopilot_activity_log: the log is written by the autopilot functions (service side); users read their own rows. Re-applied as a whole.

revoke all on public.autopilot_activity_log from anon, authenticated;
grant select on public.autopilot_activity_log to authenticated;
grant all on public.autopilot_activity_log to service_role;

create policy autopilot_activity_log_select_own on public.autopilot_activity_log
    for select
    to authenticated
    using ((select auth.uid()) = user_id);
