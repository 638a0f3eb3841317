-- sql/triggers/keyword_research.sql
-- Triggers on public.keyword_research: updated_at.

create or replace trigger keyword_research_updated_at
    before update on public.keyword_research
    for each row execute function public.tg_stamp_updated_at();
