-- sql/triggers/autopilot_lead_inbox.sql
-- Triggers on public.autopilot_lead_inbox: updated_at.

create or replace trigger autopilot_lead_inbox_updated_at
    before update on public.autopilot_lead_inbox
    for each row execute function public.tg_stamp_updated_at();
