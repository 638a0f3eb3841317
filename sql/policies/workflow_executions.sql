-- sql/policies/workflow_executions.sql
-- Who may do what on public.workflow_executions. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.workflow_executions from anon, authenticated;
grant select, delete on public.workflow_executions to authenticated;
grant insert (id, user_id, campaign_id, workflow_type, status, input, steps, output, error_message,
    created_at, updated_at)
    on public.workflow_executions to authenticated;
grant update (id, user_id, campaign_id, workflow_type, status, input, steps, output, error_message,
    created_at, updated_at)
    on public.workflow_executions to authenticated;
grant all on public.workflow_executions to service_role;

create policy workflow_executions_owner on public.workflow_executions
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
