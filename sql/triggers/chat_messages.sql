-- sql/triggers/chat_messages.sql
-- Triggers on public.chat_messages: the chat_sessions counters and updated_at.

-- chat_sessions counters (message_count, total_tokens, last_message_at)
-- follow their messages: added, edited, moved or removed.
create or replace trigger chat_messages_update_session_stats
    after insert or update or delete on public.chat_messages
    for each row execute function public.chat_messages_update_session_stats();

create or replace trigger chat_messages_updated_at
    before update on public.chat_messages
    for each row execute function public.tg_stamp_updated_at();
