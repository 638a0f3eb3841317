-- sql/functions/conversation_messages_touch_conversation.sql

create or replace function public.conversation_messages_touch_conversation()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Moves conversations.last_message_at forward when a message is added.
-- SECURITY DEFINER: last_message_at is server-kept, not granted to
-- authenticated. It touches only the message's conversation, whose owner
-- the composite foreign key guarantees is the message's owner.
begin
    update public.conversations as c
    set last_message_at = new.created_at
    where c.id = new.conversation_id
      and c.user_id = new.user_id
      and (c.last_message_at is null or c.last_message_at < new.created_at);
    return new;
end
$$;

comment on function public.conversation_messages_touch_conversation() is
    'AFTER INSERT trigger on conversation_messages: advances last_message_at of the conversation.';

revoke execute on function public.conversation_messages_touch_conversation() from public, anon, authenticated;
