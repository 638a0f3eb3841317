-- sql/policies/data_deletion_requests.sql
-- Who may do what on public.data_deletion_requests. Re-applied as a whole.
-- The user files a request, confirms or cancels it; the server (service_role) completes it.

revoke all on public.data_deletion_requests from anon, authenticated;
grant select on public.data_deletion_requests to authenticated;
grant insert (user_id, reason) on public.data_deletion_requests to authenticated;
grant update (confirmed_at, status) on public.data_deletion_requests to authenticated;
grant all on public.data_deletion_requests to service_role;

create policy data_deletion_requests_select_own on public.data_deletion_requests
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy data_deletion_requests_insert_own on public.data_deletion_requests
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);

create policy data_deletion_requests_update_own on public.data_deletion_requests
    for update
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id and status in ('pending', 'cancelled'));
