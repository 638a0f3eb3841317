-- sql/policies/campaign_copilot_sessions.sql
-- Who may do what on public.campaign_copilot_sessions: each user manages their own copilot sessions. Re-applied as a whole.

revoke all on public.campaign_copilot_sessions from anon, authenticated;
grant select, insert, update, delete on public.campaign_copilot_sessions to authenticated;
grant all on public.campaign_copilot_sessions to service_role;

create policy campaign_copilot_sessions_owner on public.campaign_copilot_sessions
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
