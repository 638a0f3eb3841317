-- sql/triggers/leads.sql
-- Triggers on public.leads: the autopilot lead inbox, converted_at and updated_at.

-- New and changed leads of users with an active autopilot land in their inbox.
create or replace trigger leads_sync_autopilot_lead_inbox
    after insert or update on public.leads
    for each row execute function public.leads_sync_autopilot_lead_inbox();

-- Lead status is a free sales stage (see the comment on leads.status), so no
-- transition is refused; converted_at follows it.
create or replace trigger leads_stamp_converted_at
    before insert or update of status, converted_at on public.leads
    for each row execute function public.leads_stamp_converted_at();

create or replace trigger leads_updated_at
    before update on public.leads
    for each row execute function public.tg_stamp_updated_at();
