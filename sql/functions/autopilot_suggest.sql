-- sql/functions/autopilot_suggest.sql

create or replace function public.autopilot_suggest(
    p_user_id uuid,
    p_campaign_id uuid,
    p_description text,
    p_suggestion jsonb
)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
-- Records an autopilot suggestion for a campaign, at most once per rule,
-- campaign and day (p_suggestion->>'rule', p_suggestion->>'date'): on the
-- campaign's monitor (optimization_suggestions) and in the activity log.
-- Returns false when the same suggestion was already made that day.
begin
    if exists (
        select
        from public.campaign_performance_monitor as mon,
             jsonb_array_elements(mon.optimization_suggestions) as s(item)
        where mon.campaign_id = p_campaign_id
          and mon.created_by = p_user_id
          and s.item ->> 'rule' = p_suggestion ->> 'rule'
          and s.item ->> 'date' = p_suggestion ->> 'date'
    ) then
        return false;
    end if;
    perform public.autopilot_note_on_monitor(p_campaign_id, p_user_id, null, p_suggestion);
    insert into public.autopilot_activity_log
        (user_id, activity_type, activity_description, entity_type, entity_id, metadata)
    values (p_user_id, 'suggestion_made', p_description, 'campaign', p_campaign_id, p_suggestion);
    return true;
end
$$;

comment on function public.autopilot_suggest(uuid, uuid, text, jsonb) is
    'Internal to the autopilot: records a suggestion on the campaign''s monitor and in the activity log, once per rule, campaign and day; false when already made.';

revoke execute on function public.autopilot_suggest(uuid, uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.autopilot_suggest(uuid, uuid, text, jsonb) to service_role;
