-- sql/triggers/workflow_executions.sql
-- Triggers on public.workflow_executions: its status lifecycle, the stamps of its statuses and
-- updated_at.

-- Workflow runs only move forward: pending -> running -> completed | failed,
-- and a run not yet finished may be cancelled. completed, failed and
-- cancelled are final (a retry is a new run).
create or replace trigger workflow_executions_status_transition
    before insert or update of status on public.workflow_executions
    for each row execute function public.tg_enforce_status_transition(
        '>pending',
        'pending>running', 'pending>cancelled', 'running>completed', 'running>failed', 'running>cancelled'
    );

create or replace trigger workflow_executions_stamp_status
    before insert or update of status on public.workflow_executions
    for each row execute function public.workflow_executions_stamp_status();

create or replace trigger workflow_executions_updated_at
    before update on public.workflow_executions
    for each row execute function public.tg_stamp_updated_at();
