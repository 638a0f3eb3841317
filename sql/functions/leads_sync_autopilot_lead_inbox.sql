-- sql/functions/leads_sync_autopilot_lead_inbox.sql

create or replace function public.leads_sync_autopilot_lead_inbox()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Users may not write the inbox themselves, so this trigger function runs as
-- its owner. It only copies the triggering lead into its own owner's inbox.
-- A lead is filed (one row per lead) only while the owner's autopilot is
-- active; a lead already filed keeps its copies current either way, so the
-- inbox never shows stale names, scores or statuses. is_read and archived_at
-- are the user's and are left alone.
declare
    v_name text := nullif(concat_ws(' ', new.first_name, new.last_name), '');
    v_priority text := case when new.score >= 70 then 'high' when new.score >= 30 then 'normal' else 'low' end;
begin
    if exists (
        select from public.marketing_autopilot_config as c
        where c.user_id = new.created_by and c.is_active
    ) then
        insert into public.autopilot_lead_inbox as i
            (user_id, lead_id, lead_name, lead_email, company, score, lead_status, priority)
        values (new.created_by, new.id, v_name, new.email, new.company, new.score, new.status, v_priority)
        on conflict (lead_id) do update
        set lead_name = excluded.lead_name,
            lead_email = excluded.lead_email,
            company = excluded.company,
            score = excluded.score,
            lead_status = excluded.lead_status,
            priority = excluded.priority
        where (i.lead_name, i.lead_email, i.company, i.score, i.lead_status, i.priority)
            is distinct from (excluded.lead_name, excluded.lead_email, excluded.company, excluded.score,
                              excluded.lead_status, excluded.priority);
    elsif tg_op = 'UPDATE' then
        update public.autopilot_lead_inbox as i
        set lead_name = v_name,
            lead_email = new.email,
            company = new.company,
            score = new.score,
            lead_status = new.status,
            priority = v_priority
        where i.lead_id = new.id
          and (i.lead_name, i.lead_email, i.company, i.score, i.lead_status, i.priority)
            is distinct from (v_name, new.email, new.company, new.score, new.status, v_priority);
    end if;
    return null;
end
$$;

comment on function public.leads_sync_autopilot_lead_inbox() is
    'AFTER INSERT OR UPDATE trigger on leads: files the lead in its owner''s autopilot_lead_inbox while the owner''s autopilot is active, and keeps the copies of a filed lead current.';

revoke execute on function public.leads_sync_autopilot_lead_inbox() from public, anon, authenticated;
