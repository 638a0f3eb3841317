-- sql/triggers/support_tickets.sql
-- Triggers on public.support_tickets: its status lifecycle, resolved_at and updated_at.

-- Support tickets follow their lifecycle; resolved_at follows the status.
create or replace trigger support_tickets_status_transition
    before insert or update of status on public.support_tickets
    for each row execute function public.tg_enforce_status_transition(
        '>open',
        'open>in_progress', 'open>resolved', 'open>closed', 'in_progress>waiting_on_customer',
        'waiting_on_customer>in_progress', 'in_progress>resolved', 'waiting_on_customer>resolved',
        'resolved>in_progress', 'resolved>closed'
    );

create or replace trigger support_tickets_stamp_resolved_at
    before insert or update of status on public.support_tickets
    for each row execute function public.support_tickets_stamp_resolved_at();

create or replace trigger support_tickets_updated_at
    before update on public.support_tickets
    for each row execute function public.tg_stamp_updated_at();
