-- sql/policies/performance_tracking_frameworks.sql
-- Who may do what on public.performance_tracking_frameworks. Re-applied as a whole.

revoke all on public.performance_tracking_frameworks from anon, authenticated;
grant select, insert, update, delete on public.performance_tracking_frameworks to authenticated;
grant all on public.performance_tracking_frameworks to service_role;

create policy performance_tracking_frameworks_owner on public.performance_tracking_frameworks
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
