-- sql/triggers/conversation_messages.sql
-- Triggers on public.conversation_messages: conversations.last_message_at and updated_at.

-- conversations.last_message_at follows the conversation's messages.
create or replace trigger conversation_messages_touch_conversation
    after insert on public.conversation_messages
    for each row execute function public.conversation_messages_touch_conversation();

create or replace trigger conversation_messages_updated_at
    before update on public.conversation_messages
    for each row execute function public.tg_stamp_updated_at();
