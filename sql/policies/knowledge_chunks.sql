-- sql/policies/knowledge_chunks.sql
-- Who may do what on public.knowledge_chunks. Re-applied as a whole.

revoke all on public.knowledge_chunks from anon, authenticated;
grant select, insert, update, delete on public.knowledge_chunks to authenticated;
grant all on public.knowledge_chunks to service_role;

create policy knowledge_chunks_owner on public.knowledge_chunks
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
