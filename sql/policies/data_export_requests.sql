-- sql/policies/data_export_requests.sql
-- Who may do what on public.data_export_requests. Re-applied as a whole.
-- The user files and follows their requests; the server (service_role) fulfils them.

revoke all on public.data_export_requests from anon, authenticated;
grant select on public.data_export_requests to authenticated;
grant insert (user_id, format) on public.data_export_requests to authenticated;
grant all on public.data_export_requests to service_role;

create policy data_export_requests_select_own on public.data_export_requests
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy data_export_requests_insert_own on public.data_export_requests
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);
