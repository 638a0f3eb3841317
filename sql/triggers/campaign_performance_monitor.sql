-- sql/triggers/campaign_performance_monitor.sql
-- Triggers on public.campaign_performance_monitor: updated_at.

create or replace trigger campaign_performance_monitor_updated_at
    before update on public.campaign_performance_monitor
    for each row execute function public.tg_stamp_updated_at();
