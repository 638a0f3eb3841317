-- sql/policies/user_analytics_events.sql
-- Who may do what on public.user_analytics_events: append-only tracking; each
-- user records and reads their own events, nobody edits or deletes them
-- through the API. Re-applied as a whole.

revoke all on public.user_analytics_events from anon, authenticated;
grant select, insert on public.user_analytics_events to authenticated;
grant all on public.user_analytics_events to service_role;

create policy user_analytics_events_select_own on public.user_analytics_events
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy user_analytics_events_insert_own on public.user_analytics_events
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);
