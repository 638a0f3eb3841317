-- sql/triggers/knowledge_chunks.sql
-- Triggers on public.knowledge_chunks: knowledge_documents.chunk_count.

-- knowledge_documents.chunk_count follows the document's chunks.
create or replace trigger knowledge_chunks_update_document_chunk_count
    after insert or update of document_id, user_id or delete on public.knowledge_chunks
    for each row execute function public.knowledge_chunks_update_document_chunk_count();
