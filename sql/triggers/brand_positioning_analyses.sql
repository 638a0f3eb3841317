-- sql/triggers/brand_positioning_analyses.sql
-- Triggers on public.brand_positioning_analyses: updated_at.

create or replace trigger brand_positioning_analyses_updated_at
    before update on public.brand_positioning_analyses
    for each row execute function public.tg_stamp_updated_at();
