-- sql/triggers/conversations.sql
-- Triggers on public.conversations: updated_at.

create or replace trigger conversations_updated_at
    before update on public.conversations
    for each row execute function public.tg_stamp_updated_at();
