-- sql/policies/social_platform_connections.sql
-- Who may do what on public.social_platform_connections. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.social_platform_connections from anon, authenticated;
grant select, delete on public.social_platform_connections to authenticated;
grant insert (id, user_id, oauth_connection_id, platform, account_id, account_handle, account_type, status,
    metadata, created_at, updated_at)
    on public.social_platform_connections to authenticated;
grant update (id, user_id, oauth_connection_id, platform, account_id, account_handle, account_type, status,
    metadata, created_at, updated_at)
    on public.social_platform_connections to authenticated;
grant all on public.social_platform_connections to service_role;

create policy social_platform_connections_owner on public.social_platform_connections
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
