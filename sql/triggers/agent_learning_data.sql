-- sql/triggers/agent_learning_data.sql
-- Triggers on public.agent_learning_data: updated_at.

create or replace trigger agent_learning_data_updated_at
    before update on public.agent_learning_data
    for each row execute function public.tg_stamp_updated_at();
