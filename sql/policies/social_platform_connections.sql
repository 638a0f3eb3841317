-- sql/policies/social_platform_connections.sql
-- Who may do what on public.social_platform_connections. Re-applied as a whole.

revoke all on public.social_platform_connections from anon, authenticated;
grant select, insert, update, delete on public.social_platform_connections to authenticated;
grant all on public.social_platform_connections to service_role;

create policy social_platform_connections_owner on public.social_platform_connections
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
