-- sql/policies/campaign_tasks.sql
-- Who may do what on public.campaign_tasks. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.campaign_tasks from anon, authenticated;
grant select, delete on public.campaign_tasks to authenticated;
grant insert (id, campaign_id, created_by, title, description, status, priority, assigned_to, due_date,
    sort_order, created_at, updated_at)
    on public.campaign_tasks to authenticated;
grant update (id, campaign_id, created_by, title, description, status, priority, assigned_to, due_date,
    sort_order, created_at, updated_at)
    on public.campaign_tasks to authenticated;
grant all on public.campaign_tasks to service_role;

create policy campaign_tasks_owner on public.campaign_tasks
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
