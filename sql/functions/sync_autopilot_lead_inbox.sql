-- sql/functions/sync_autopilot_lead_inbox.sql

create or replace function public.sync_autopilot_lead_inbox()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
-- Users may not write the inbox themselves, so this trigger function runs as
-- its owner. It only copies the triggering lead into its own owner's inbox,
-- and only while that owner's autopilot is active.
begin
    if not exists (
        select from public.marketing_autopilot_config as c
        where c.user_id = new.created_by and c.is_active
    ) then
        return null;
    end if;
    insert into public.autopilot_lead_inbox as i
        (user_id, lead_id, lead_name, lead_email, company, score, lead_status, priority)
    values (
        new.created_by,
        new.id,
        nullif(concat_ws(' ', new.first_name, new.last_name), ''),
        new.email,
        new.company,
        new.score,
        new.status,
        case when new.score >= 70 then 'high' when new.score >= 30 then 'normal' else 'low' end
    )
    on conflict (lead_id) do update
    set lead_name = excluded.lead_name,
        lead_email = excluded.lead_email,
        company = excluded.company,
        score = excluded.score,
        lead_status = excluded.lead_status,
        priority = excluded.priority;
    return null;
end
$$;

comment on function public.sync_autopilot_lead_inbox() is
    'AFTER INSERT OR UPDATE trigger on leads: upserts the lead into its owner''s autopilot_lead_inbox when the owner''s autopilot is active.';

revoke execute on function public.sync_autopilot_lead_inbox() from public, anon, authenticated;
