-- sql/triggers/autopilot_lead_inbox.sql
-- New and changed leads of users with an active autopilot land in their inbox.

create or replace trigger leads_sync_autopilot_lead_inbox
    after insert or update on public.leads
    for each row execute function public.sync_autopilot_lead_inbox();
