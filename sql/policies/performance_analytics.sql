-- sql/policies/performance_analytics.sql
-- Who may do what on public.performance_analytics. Re-applied as a whole.

revoke all on public.performance_analytics from anon, authenticated;
grant select, insert, update, delete on public.performance_analytics to authenticated;
grant all on public.performance_analytics to service_role;

create policy performance_analytics_owner on public.performance_analytics
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
