-- sql/triggers/funnel_designs.sql
-- Triggers on public.funnel_designs: updated_at.

create or replace trigger funnel_designs_updated_at
    before update on public.funnel_designs
    for each row execute function public.tg_stamp_updated_at();
