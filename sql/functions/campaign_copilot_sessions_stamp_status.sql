-- sql/functions/campaign_copilot_sessions_stamp_status.sql

create or replace function public.campaign_copilot_sessions_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Stamps completed_at when a session becomes completed without one.
begin
    if new.status = 'completed' and new.completed_at is null then
        new.completed_at := now();
    end if;
    return new;
end
$$;

comment on function public.campaign_copilot_sessions_stamp_status() is
    'BEFORE INSERT OR UPDATE OF status trigger on campaign_copilot_sessions: stamps completed_at on completion.';

revoke execute on function public.campaign_copilot_sessions_stamp_status() from public, anon, authenticated;
