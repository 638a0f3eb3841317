-- sql/policies/real_time_metrics.sql
-- Who may do what on public.real_time_metrics. Re-applied as a whole.

revoke all on public.real_time_metrics from anon, authenticated;
grant select, insert, update, delete on public.real_time_metrics to authenticated;
grant all on public.real_time_metrics to service_role;

create policy real_time_metrics_owner on public.real_time_metrics
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
