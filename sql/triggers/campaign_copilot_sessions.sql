-- sql/triggers/campaign_copilot_sessions.sql
-- Triggers on public.campaign_copilot_sessions: its status lifecycle, the stamps of its statuses
-- and updated_at.

-- Campaign copilot sessions: active -> completed | abandoned, abandoned ->
-- active (resumed); completed is final. completed_at is stamped on completion.
create or replace trigger campaign_copilot_sessions_lifecycle
    before insert or update of status on public.campaign_copilot_sessions
    for each row execute function public.tg_enforce_status_transition(
        '>active',
        'active>completed',
        'active>abandoned',
        'abandoned>active'
    );

create or replace trigger campaign_copilot_sessions_stamp_status
    before insert or update of status on public.campaign_copilot_sessions
    for each row execute function public.campaign_copilot_sessions_stamp_status();

create or replace trigger campaign_copilot_sessions_updated_at
    before update on public.campaign_copilot_sessions
    for each row execute function public.tg_stamp_updated_at();
