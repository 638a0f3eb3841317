-- sql/policies/conversation_messages.sql
-- Who may do what on public.conversation_messages: each user manages only their own rows. Re-applied as a whole.

revoke all on public.conversation_messages from anon, authenticated;
grant select, insert, update, delete on public.conversation_messages to authenticated;
grant all on public.conversation_messages to service_role;

create policy conversation_messages_owner on public.conversation_messages
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
