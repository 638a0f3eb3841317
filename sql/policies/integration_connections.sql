-- sql/policies/integration_connections.sql
-- Who may do what on public.integration_connections. Re-applied as a whole.
-- credentials_encrypted is never selectable by users: it is used server-side only.

revoke all on public.integration_connections from anon, authenticated;
grant select (id, user_id, provider, status, config, last_synced_at, error_message, created_at, updated_at)
    on public.integration_connections to authenticated;
grant insert (user_id, provider, status, config, credentials_encrypted) on public.integration_connections to authenticated;
grant update (status, config, credentials_encrypted) on public.integration_connections to authenticated;
grant delete on public.integration_connections to authenticated;
grant all on public.integration_connections to service_role;

create policy integration_connections_owner on public.integration_connections
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
