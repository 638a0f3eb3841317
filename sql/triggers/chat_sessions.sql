-- sql/triggers/chat_sessions.sql
-- Triggers on public.chat_sessions: updated_at.

create or replace trigger chat_sessions_updated_at
    before update on public.chat_sessions
    for each row execute function public.tg_stamp_updated_at();
