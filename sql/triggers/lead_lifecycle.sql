-- sql/triggers/lead_lifecycle.sql
-- Lead status is a free sales stage (see the comment on leads.status), so no
-- transition is refused; converted_at follows it.

create or replace trigger leads_stamp_converted_at
    before insert or update of status, converted_at on public.leads
    for each row execute function public.leads_stamp_converted_at();
