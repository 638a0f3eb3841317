-- sql/triggers/conversation_knowledge_refs.sql
-- Triggers on public.conversation_knowledge_refs: updated_at.

create or replace trigger conversation_knowledge_refs_updated_at
    before update on public.conversation_knowledge_refs
    for each row execute function public.tg_stamp_updated_at();
