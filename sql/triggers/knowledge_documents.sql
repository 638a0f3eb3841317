-- sql/triggers/knowledge_documents.sql
-- Triggers on public.knowledge_documents: its status lifecycle, the stamps of its statuses and
-- updated_at.

-- Chunking status of knowledge documents only moves along its lifecycle.
create or replace trigger knowledge_documents_status_transition
    before insert or update of status on public.knowledge_documents
    for each row execute function public.tg_enforce_status_transition(
        '>pending',
        'pending>processing', 'processing>completed', 'processing>failed', 'failed>pending'
    );

create or replace trigger knowledge_documents_stamp_status
    before update of status on public.knowledge_documents
    for each row execute function public.knowledge_documents_stamp_status();

create or replace trigger knowledge_documents_updated_at
    before update on public.knowledge_documents
    for each row execute function public.tg_stamp_updated_at();
