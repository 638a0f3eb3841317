-- sql/triggers/generated_content_pieces.sql
-- Triggers on public.generated_content_pieces: its status lifecycle, published_at and updated_at.

-- anything may be archived, and archived is final. Published is only left
-- for archived: what went out cannot be unpublished here.
create or replace trigger generated_content_pieces_status_transition
    before insert or update of status on public.generated_content_pieces
    for each row execute function public.tg_enforce_status_transition(
        '>draft',
        'draft>approved', 'draft>rejected', 'approved>published', 'approved>rejected', 'approved>draft',
        'rejected>draft', 'draft>archived', 'approved>archived', 'rejected>archived', 'published>archived'
    );

create or replace trigger generated_content_pieces_stamp_published_at
    before insert or update of status on public.generated_content_pieces
    for each row execute function public.generated_content_pieces_stamp_published_at();

create or replace trigger generated_content_pieces_updated_at
    before update on public.generated_content_pieces
    for each row execute function public.tg_stamp_updated_at();
