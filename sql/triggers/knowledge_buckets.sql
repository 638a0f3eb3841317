-- sql/triggers/knowledge_buckets.sql
-- Triggers on public.knowledge_buckets: updated_at.

create or replace trigger knowledge_buckets_updated_at
    before update on public.knowledge_buckets
    for each row execute function public.tg_stamp_updated_at();
