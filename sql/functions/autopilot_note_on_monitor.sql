-- sql/functions/autopilot_note_on_monitor.sql

create or replace function public.autopilot_note_on_monitor(
    p_campaign_id uuid,
    p_user_id uuid,
    p_action jsonb default null,
    p_suggestion jsonb default null
)
returns void
language plpgsql
volatile
set search_path = ''
as $$
-- Appends an autopilot action (auto_actions_taken) and/or suggestion
-- (optimization_suggestions) to the campaign's performance monitor row and
-- stamps last_checked_at; creates the monitor row when the campaign has none.
begin
    update public.campaign_performance_monitor as mon
    set auto_actions_taken = case when p_action is null then mon.auto_actions_taken
                                  else mon.auto_actions_taken || jsonb_build_array(p_action) end,
        optimization_suggestions = case when p_suggestion is null then mon.optimization_suggestions
                                        else mon.optimization_suggestions || jsonb_build_array(p_suggestion) end,
        last_checked_at = now()
    where mon.campaign_id = p_campaign_id
      and mon.created_by = p_user_id;
    if not found then
        insert into public.campaign_performance_monitor
            (campaign_id, created_by, auto_actions_taken, optimization_suggestions, last_checked_at)
        values (
            p_campaign_id,
            p_user_id,
            case when p_action is null then '[]'::jsonb else jsonb_build_array(p_action) end,
            case when p_suggestion is null then '[]'::jsonb else jsonb_build_array(p_suggestion) end,
            now()
        );
    end if;
end
$$;

comment on function public.autopilot_note_on_monitor(uuid, uuid, jsonb, jsonb) is
    'Internal to the autopilot: records an action and/or a suggestion on a campaign''s campaign_performance_monitor row (created if missing) and stamps last_checked_at.';

revoke execute on function public.autopilot_note_on_monitor(uuid, uuid, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.autopilot_note_on_monitor(uuid, uuid, jsonb, jsonb) to service_role;
