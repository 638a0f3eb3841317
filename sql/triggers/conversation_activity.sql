-- sql/triggers/conversation_activity.sql
-- conversations.last_message_at follows the conversation's messages.

create or replace trigger conversation_messages_touch_conversation
    after insert on public.conversation_messages
    for each row execute function public.conversation_messages_touch_conversation();
