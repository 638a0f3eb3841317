-- sql/policies/conversations.sql
-- Who may do what on public.conversations: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.conversations from anon, authenticated;
grant select, delete on public.conversations to authenticated;
grant insert (id, user_id, title, summary, embedding, embedding_model, status, metadata, created_at,
    updated_at)
    on public.conversations to authenticated;
grant update (id, user_id, title, summary, embedding, embedding_model, status, metadata, created_at,
    updated_at)
    on public.conversations to authenticated;
grant all on public.conversations to service_role;

create policy conversations_owner on public.conversations
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
