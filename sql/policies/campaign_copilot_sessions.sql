-- sql/policies/campaign_copilot_sessions.sql
-- Who may do what on public.campaign_copilot_sessions: each user manages their own copilot sessions. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.campaign_copilot_sessions from anon, authenticated;
grant select, delete on public.campaign_copilot_sessions to authenticated;
grant insert (id, user_id, campaign_id, title, status, current_step, messages, session_data, created_at,
    updated_at)
    on public.campaign_copilot_sessions to authenticated;
grant update (id, user_id, campaign_id, title, status, current_step, messages, session_data, created_at,
    updated_at)
    on public.campaign_copilot_sessions to authenticated;
grant all on public.campaign_copilot_sessions to service_role;

create policy campaign_copilot_sessions_owner on public.campaign_copilot_sessions
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
