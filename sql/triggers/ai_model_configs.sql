-- sql/triggers/ai_model_configs.sql
-- Triggers on public.ai_model_configs: updated_at.

create or replace trigger ai_model_configs_updated_at
    before update on public.ai_model_configs
    for each row execute function public.tg_stamp_updated_at();
