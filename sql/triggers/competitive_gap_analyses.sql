-- sql/triggers/competitive_gap_analyses.sql
-- Triggers on public.competitive_gap_analyses: updated_at.

create or replace trigger competitive_gap_analyses_updated_at
    before update on public.competitive_gap_analyses
    for each row execute function public.tg_stamp_updated_at();
