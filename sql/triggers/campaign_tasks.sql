-- sql/triggers/campaign_tasks.sql
-- Triggers on public.campaign_tasks: completed_at and updated_at.

-- Tasks move freely between todo, in_progress, completed and cancelled (a
-- task is reopened); completed_at follows the status.
create or replace trigger campaign_tasks_stamp_completed_at
    before insert or update of status on public.campaign_tasks
    for each row execute function public.tg_stamp_completed_at();

create or replace trigger campaign_tasks_updated_at
    before update on public.campaign_tasks
    for each row execute function public.tg_stamp_updated_at();
