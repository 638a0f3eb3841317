-- sql/policies/oauth_connections.sql
-- Who may do what on public.oauth_connections. Re-applied as a whole.
-- Tokens are stored by the server (service_role) after the OAuth exchange. Users see
-- which platforms are connected, can deactivate or delete a connection, and never read tokens.

revoke all on public.oauth_connections from anon, authenticated;
grant select (id, user_id, platform_name, platform_user_id, scopes, expires_at, is_active, created_at, updated_at)
    on public.oauth_connections to authenticated;
grant update (is_active) on public.oauth_connections to authenticated;
grant delete on public.oauth_connections to authenticated;
grant all on public.oauth_connections to service_role;

create policy oauth_connections_owner on public.oauth_connections
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
