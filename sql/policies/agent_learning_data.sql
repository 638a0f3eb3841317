-- sql/policies/agent_learning_data.sql
-- Who may do what on public.agent_learning_data: patterns are learned by the
-- system (service_role); users read theirs and may delete them (forget what
-- was learned), but never write them. Re-applied as a whole.

revoke all on public.agent_learning_data from anon, authenticated;
grant select, delete on public.agent_learning_data to authenticated;
grant all on public.agent_learning_data to service_role;

create policy agent_learning_data_select_own on public.agent_learning_data
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy agent_learning_data_delete_own on public.agent_learning_data
    for delete
    to authenticated
    using ((select auth.uid()) = user_id);
