-- sql/triggers/performance_tracking_frameworks.sql
-- Triggers on public.performance_tracking_frameworks: updated_at.

create or replace trigger performance_tracking_frameworks_updated_at
    before update on public.performance_tracking_frameworks
    for each row execute function public.tg_stamp_updated_at();
