-- sql/policies/knowledge_documents.sql
-- Who may do what on public.knowledge_documents. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.knowledge_documents from anon, authenticated;
grant select, delete on public.knowledge_documents to authenticated;
grant insert (id, user_id, bucket_id, title, source_type, source_url, storage_path, mime_type, size_bytes,
    metadata, created_at, updated_at)
    on public.knowledge_documents to authenticated;
grant update (id, user_id, bucket_id, title, source_type, source_url, storage_path, mime_type, size_bytes,
    metadata, created_at, updated_at)
    on public.knowledge_documents to authenticated;
grant all on public.knowledge_documents to service_role;

create policy knowledge_documents_owner on public.knowledge_documents
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
