-- sql/triggers/campaign_lifecycle.sql
-- Status lifecycles of campaigns, their tasks, their generated content and
-- their workflow runs.

-- Campaigns: a draft is launched (active); a running campaign is paused and
-- resumed at will; it ends as completed from active or paused (a draft that
-- never ran is archived, not completed); any state may be archived, and
-- archived is final (copy the campaign to run it again).
create or replace trigger campaigns_status_transition
    before insert or update of status on public.campaigns
    for each row execute function public.enforce_status_transition(
        '>draft', '>active',
        'draft>active', 'active>paused', 'paused>active', 'active>completed', 'paused>completed',
        'draft>archived', 'active>archived', 'paused>archived', 'completed>archived'
    );

-- Tasks move freely between todo, in_progress, completed and cancelled (a
-- task is reopened); completed_at follows the status.
create or replace trigger campaign_tasks_stamp_completed_at
    before insert or update of status on public.campaign_tasks
    for each row execute function public.stamp_completed_at();

-- Generated content: reviewed (approved or rejected), approved content is
-- published or sent back to draft, rejected content is reworked as a draft;
-- anything may be archived, and archived is final. Published is only left
-- for archived: what went out cannot be unpublished here.
create or replace trigger generated_content_pieces_status_transition
    before insert or update of status on public.generated_content_pieces
    for each row execute function public.enforce_status_transition(
        '>draft',
        'draft>approved', 'draft>rejected', 'approved>published', 'approved>rejected', 'approved>draft',
        'rejected>draft', 'draft>archived', 'approved>archived', 'rejected>archived', 'published>archived'
    );

create or replace trigger generated_content_pieces_stamp_published_at
    before insert or update of status on public.generated_content_pieces
    for each row execute function public.generated_content_pieces_stamp_published_at();

-- Workflow runs only move forward: pending -> running -> completed | failed,
-- and a run not yet finished may be cancelled. completed, failed and
-- cancelled are final (a retry is a new run).
create or replace trigger workflow_executions_status_transition
    before insert or update of status on public.workflow_executions
    for each row execute function public.enforce_status_transition(
        '>pending',
        'pending>running', 'pending>cancelled', 'running>completed', 'running>failed', 'running>cancelled'
    );

create or replace trigger workflow_executions_stamp_status
    before insert or update of status on public.workflow_executions
    for each row execute function public.workflow_executions_stamp_status();
