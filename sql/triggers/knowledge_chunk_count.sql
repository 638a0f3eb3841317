-- sql/triggers/knowledge_chunk_count.sql
-- knowledge_documents.chunk_count follows the document's chunks.

create or replace trigger knowledge_chunks_update_document_chunk_count
    after insert or update of document_id, user_id or delete on public.knowledge_chunks
    for each row execute function public.knowledge_chunks_update_document_chunk_count();
