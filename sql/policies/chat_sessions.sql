-- sql/policies/chat_sessions.sql
-- Who may do what on public.chat_sessions: each user manages only their own rows. Re-applied as a whole.

revoke all on public.chat_sessions from anon, authenticated;
grant select, insert, update, delete on public.chat_sessions to authenticated;
grant all on public.chat_sessions to service_role;

create policy chat_sessions_owner on public.chat_sessions
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
