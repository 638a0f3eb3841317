-- sql/policies/lead_activities.sql
-- Who may do what on public.lead_activities. Re-applied as a whole.
-- Activity history is not edited: the owner records and removes activities, never rewrites them.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.lead_activities from anon, authenticated;
grant select, delete on public.lead_activities to authenticated;
grant insert (id, lead_id, user_id, activity_type, activity_data, occurred_at, created_at)
    on public.lead_activities to authenticated;
grant all on public.lead_activities to service_role;

create policy lead_activities_select_own on public.lead_activities
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy lead_activities_insert_own on public.lead_activities
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);

create policy lead_activities_delete_own on public.lead_activities
    for delete
    to authenticated
    using ((select auth.uid()) = user_id);
