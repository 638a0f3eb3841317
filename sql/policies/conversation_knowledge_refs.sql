-- sql/policies/conversation_knowledge_refs.sql
-- Who may do what on public.conversation_knowledge_refs: each user manages only their own rows. Re-applied as a whole.

revoke all on public.conversation_knowledge_refs from anon, authenticated;
grant select, insert, update, delete on public.conversation_knowledge_refs to authenticated;
grant all on public.conversation_knowledge_refs to service_role;

create policy conversation_knowledge_refs_owner on public.conversation_knowledge_refs
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
