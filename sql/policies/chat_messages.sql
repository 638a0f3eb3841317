-- sql/policies/chat_messages.sql
-- Who may do what on public.chat_messages: each user manages only their own rows. Re-applied as a whole.

revoke all on public.chat_messages from anon, authenticated;
grant select, insert, update, delete on public.chat_messages to authenticated;
grant all on public.chat_messages to service_role;

create policy chat_messages_owner on public.chat_messages
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
