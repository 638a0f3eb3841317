-- sql/triggers/chat_session_stats.sql
-- chat_sessions counters (message_count, total_tokens, last_message_at)
-- follow their messages: added, edited, moved or removed.

create or replace trigger chat_messages_update_session_stats
    after insert or update or delete on public.chat_messages
    for each row execute function public.chat_messages_update_session_stats();
