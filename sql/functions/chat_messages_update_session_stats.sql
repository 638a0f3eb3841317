-- sql/functions/chat_messages_update_session_stats.sql

create or replace function public.chat_messages_update_session_stats()
returns trigger
language plpgsql
set search_path = ''
as $$
-- Keeps chat_sessions.message_count, total_tokens and last_message_at in
-- step with the session's messages. Runs with the caller's rights: the
-- caller owns the session (the composite foreign key guarantees it).
begin
    if tg_op = 'INSERT' then
        update public.chat_sessions as s
        set message_count = s.message_count + 1,
            total_tokens = s.total_tokens + new.total_tokens,
            last_message_at = greatest(s.last_message_at, new.created_at)
        where s.id = new.session_id
          and s.user_id = new.user_id;
        return new;
    end if;
    update public.chat_sessions as s
    set message_count = greatest(s.message_count - 1, 0),
        total_tokens = greatest(s.total_tokens - old.total_tokens, 0),
        last_message_at = (
            select max(m.created_at)
            from public.chat_messages as m
            where m.session_id = old.session_id
              and m.user_id = old.user_id
        )
    where s.id = old.session_id
      and s.user_id = old.user_id;
    return old;
end
$$;

comment on function public.chat_messages_update_session_stats() is
    'AFTER INSERT OR DELETE trigger on chat_messages: maintains message_count, total_tokens and last_message_at of the session.';

revoke execute on function public.chat_messages_update_session_stats() from public, anon, authenticated;
