-- sql/policies/oauth_states.sql
-- Who may do what on public.oauth_states. Re-applied as a whole.
-- A user starts an OAuth flow (a state row) and consumes it once through consume_oauth_state();
-- the PKCE verifier stays server-side. No UPDATE for users: resetting used_at would make a
-- consumed state usable again.

revoke all on public.oauth_states from anon, authenticated;
grant select (id, user_id, platform_name, state, redirect_uri, expires_at, used_at, created_at)
    on public.oauth_states to authenticated;
grant insert (user_id, platform_name, state, redirect_uri, code_verifier) on public.oauth_states to authenticated;
grant delete on public.oauth_states to authenticated;
grant all on public.oauth_states to service_role;

create policy oauth_states_owner on public.oauth_states
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
