-- sql/functions/chat_messages_update_session_stats.sql

create or replace function public.chat_messages_update_session_stats()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Keeps chat_sessions.message_count, total_tokens and last_message_at in
-- step with the session's messages on insert, update and delete. Counts
-- move by deltas, which stay exact under concurrent writers (each update
-- re-reads the locked session row); last_message_at is recomputed when a
-- message leaves or changes. SECURITY DEFINER: those columns are
-- server-kept, not granted to authenticated. It touches only the session
-- the message belongs to, whose owner the composite foreign key guarantees
-- is the message's owner.
begin
    if tg_op = 'UPDATE' and new.session_id = old.session_id and new.user_id = old.user_id then
        if new.total_tokens is distinct from old.total_tokens
            or new.created_at is distinct from old.created_at then
            update public.chat_sessions as s
            set total_tokens = s.total_tokens - old.total_tokens + new.total_tokens,
                last_message_at = (
                    select max(m.created_at)
                    from public.chat_messages as m
                    where m.session_id = new.session_id
                      and m.user_id = new.user_id
                )
            where s.id = new.session_id
              and s.user_id = new.user_id;
        end if;
        return null;
    end if;
    if tg_op <> 'INSERT' then
        update public.chat_sessions as s
        set message_count = s.message_count - 1,
            total_tokens = s.total_tokens - old.total_tokens,
            last_message_at = (
                select max(m.created_at)
                from public.chat_messages as m
                where m.session_id = old.session_id
                  and m.user_id = old.user_id
            )
        where s.id = old.session_id
          and s.user_id = old.user_id;
    end if;
    if tg_op <> 'DELETE' then
        update public.chat_sessions as s
        set message_count = s.message_count + 1,
            total_tokens = s.total_tokens + new.total_tokens,
            last_message_at = greatest(s.last_message_at, new.created_at)
        where s.id = new.session_id
          and s.user_id = new.user_id;
    end if;
    return null;
end
$$;

comment on function public.chat_messages_update_session_stats() is
    'AFTER INSERT OR UPDATE OR DELETE trigger on chat_messages: keeps message_count, total_tokens and last_message_at of the session (also when a message moves to another session).';

revoke execute on function public.chat_messages_update_session_stats() from public, anon, authenticated;
