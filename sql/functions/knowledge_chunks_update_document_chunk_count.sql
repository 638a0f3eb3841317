-- sql/functions/knowledge_chunks_update_document_chunk_count.sql

create or replace function public.knowledge_chunks_update_document_chunk_count()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- knowledge_documents.chunk_count is the number of the document's chunks.
-- It moves by deltas, which stay exact under concurrent writers (each
-- update re-reads the locked document row). SECURITY DEFINER: chunk_count
-- is server-kept, not granted to authenticated; it touches only the
-- chunk's document, whose owner the composite foreign key ties to the
-- chunk's.
begin
    if tg_op = 'UPDATE' and new.document_id = old.document_id and new.user_id = old.user_id then
        return null;
    end if;
    if tg_op <> 'INSERT' then
        update public.knowledge_documents as d
        set chunk_count = d.chunk_count - 1
        where d.id = old.document_id
          and d.user_id = old.user_id;
    end if;
    if tg_op <> 'DELETE' then
        update public.knowledge_documents as d
        set chunk_count = d.chunk_count + 1
        where d.id = new.document_id
          and d.user_id = new.user_id;
    end if;
    return null;
end
$$;

comment on function public.knowledge_chunks_update_document_chunk_count() is
    'AFTER INSERT OR UPDATE OF document_id, user_id OR DELETE trigger on knowledge_chunks: keeps knowledge_documents.chunk_count equal to the number of the document''s chunks.';

revoke execute on function public.knowledge_chunks_update_document_chunk_count() from public, anon, authenticated;
