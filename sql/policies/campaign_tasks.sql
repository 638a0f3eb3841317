-- sql/policies/campaign_tasks.sql
-- Who may do what on public.campaign_tasks. Re-applied as a whole.

revoke all on public.campaign_tasks from anon, authenticated;
grant select, insert, update, delete on public.campaign_tasks to authenticated;
grant all on public.campaign_tasks to service_role;

create policy campaign_tasks_owner on public.campaign_tasks
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
