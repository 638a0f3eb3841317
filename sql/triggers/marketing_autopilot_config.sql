-- sql/triggers/marketing_autopilot_config.sql
-- Triggers on public.marketing_autopilot_config: updated_at.

create or replace trigger marketing_autopilot_config_updated_at
    before update on public.marketing_autopilot_config
    for each row execute function public.tg_stamp_updated_at();
