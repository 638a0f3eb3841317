-- sql/policies/workflow_executions.sql
-- Who may do what on public.workflow_executions. Re-applied as a whole.

revoke all on public.workflow_executions from anon, authenticated;
grant select, insert, update, delete on public.workflow_executions to authenticated;
grant all on public.workflow_executions to service_role;

create policy workflow_executions_owner on public.workflow_executions
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
