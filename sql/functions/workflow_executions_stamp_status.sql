-- sql/functions/workflow_executions_stamp_status.sql

create or replace function public.workflow_executions_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- started_at is stamped when a run starts; completed_at when it ends in
-- completed, failed or cancelled.
begin
    if new.status = 'running' and new.started_at is null then
        new.started_at := now();
    end if;
    if new.status in ('completed', 'failed', 'cancelled') then
        new.completed_at := coalesce(new.completed_at, now());
    else
        new.completed_at := null;
    end if;
    return new;
end
$$;

comment on function public.workflow_executions_stamp_status() is
    'BEFORE INSERT OR UPDATE trigger on workflow_executions: stamps started_at and completed_at from the status.';

revoke execute on function public.workflow_executions_stamp_status() from public, anon, authenticated;
