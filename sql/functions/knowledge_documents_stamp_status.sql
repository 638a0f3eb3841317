-- sql/functions/knowledge_documents_stamp_status.sql

create or replace function public.knowledge_documents_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- processed_at records the last completed chunking; a retry clears the
-- previous error.
begin
    if new.status = 'completed' and old.status is distinct from 'completed' then
        new.processed_at := now();
    end if;
    if new.status <> 'failed' then
        new.error_message := null;
    end if;
    return new;
end
$$;

comment on function public.knowledge_documents_stamp_status() is
    'BEFORE UPDATE OF status trigger on knowledge_documents: stamps processed_at and clears error_message.';

revoke execute on function public.knowledge_documents_stamp_status() from public, anon, authenticated;
