-- sql/triggers/research_notes.sql
-- Triggers on public.research_notes: updated_at.

create or replace trigger research_notes_updated_at
    before update on public.research_notes
    for each row execute function public.tg_stamp_updated_at();
