-- sql/triggers/campaign_lifecycle.sql
-- Status lifecycles of campaigns, their tasks and their workflow runs.

create or replace trigger campaigns_status_transition
    before update of status on public.campaigns
    for each row execute function public.enforce_status_transition(
        'draft>active', 'active>paused', 'paused>active', 'active>completed', 'paused>completed',
        'draft>archived', 'active>archived', 'paused>archived', 'completed>archived'
    );

create or replace trigger campaign_tasks_stamp_completed_at
    before insert or update of status on public.campaign_tasks
    for each row execute function public.stamp_completed_at();

create or replace trigger workflow_executions_status_transition
    before update of status on public.workflow_executions
    for each row execute function public.enforce_status_transition(
        'pending>running', 'pending>cancelled', 'running>completed', 'running>failed', 'running>cancelled'
    );

create or replace trigger workflow_executions_stamp_status
    before insert or update of status on public.workflow_executions
    for each row execute function public.workflow_executions_stamp_status();
