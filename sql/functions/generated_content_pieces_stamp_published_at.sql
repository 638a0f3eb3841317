-- sql/functions/generated_content_pieces_stamp_published_at.sql

create or replace function public.generated_content_pieces_stamp_published_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Stamps published_at when a piece becomes published without one. An
-- archived piece keeps it: it records that and when the piece went out.
begin
    if new.status = 'published' and new.published_at is null then
        new.published_at := now();
    end if;
    return new;
end
$$;

comment on function public.generated_content_pieces_stamp_published_at() is
    'BEFORE INSERT OR UPDATE OF status trigger on generated_content_pieces: stamps published_at on publishing.';

revoke execute on function public.generated_content_pieces_stamp_published_at() from public, anon, authenticated;
