-- sql/policies/knowledge_documents.sql
-- Who may do what on public.knowledge_documents. Re-applied as a whole.

revoke all on public.knowledge_documents from anon, authenticated;
grant select, insert, update, delete on public.knowledge_documents to authenticated;
grant all on public.knowledge_documents to service_role;

create policy knowledge_documents_owner on public.knowledge_documents
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
