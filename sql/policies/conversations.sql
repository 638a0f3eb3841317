-- sql/policies/conversations.sql
-- Who may do what on public.conversations: each user manages only their own rows. Re-applied as a whole.

revoke all on public.conversations from anon, authenticated;
grant select, insert, update, delete on public.conversations to authenticated;
grant all on public.conversations to service_role;

create policy conversations_owner on public.conversations
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
