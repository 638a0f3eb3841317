-- sql/triggers/campaigns.sql
-- Triggers on public.campaigns: its status lifecycle and updated_at.

-- Campaigns: a draft is launched (active); a running campaign is paused and
-- resumed at will; it ends as completed from active or paused (a draft that
-- never ran is archived, not completed); any state may be archived, and
-- archived is final (copy the campaign to run it again).
create or replace trigger campaigns_status_transition
    before insert or update of status on public.campaigns
    for each row execute function public.tg_enforce_status_transition(
        '>draft', '>active',
        'draft>active', 'active>paused', 'paused>active', 'active>completed', 'paused>completed',
        'draft>archived', 'active>archived', 'paused>archived', 'completed>archived'
    );

create or replace trigger campaigns_updated_at
    before update on public.campaigns
    for each row execute function public.tg_stamp_updated_at();
