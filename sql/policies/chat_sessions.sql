-- sql/policies/chat_sessions.sql
-- Who may do what on public.chat_sessions: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.chat_sessions from anon, authenticated;
grant select, delete on public.chat_sessions to authenticated;
grant insert (id, user_id, campaign_id, title, status, model, system_prompt, context, created_at, updated_at)
    on public.chat_sessions to authenticated;
grant update (id, user_id, campaign_id, title, status, model, system_prompt, context, created_at, updated_at)
    on public.chat_sessions to authenticated;
grant all on public.chat_sessions to service_role;

create policy chat_sessions_owner on public.chat_sessions
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
