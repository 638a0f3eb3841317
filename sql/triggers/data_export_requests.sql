-- sql/triggers/data_export_requests.sql
-- Triggers on public.data_export_requests: its status lifecycle, completed_at and the privacy audit
-- trail.

-- An export request moves forward only, and every step is audited.
create or replace trigger data_export_requests_status_transition
    before insert or update of status on public.data_export_requests
    for each row execute function public.tg_enforce_status_transition(
        '>pending',
        'pending>processing', 'processing>completed', 'processing>failed'
    );

create or replace trigger data_export_requests_stamp_completed_at
    before insert or update of status on public.data_export_requests
    for each row execute function public.tg_stamp_completed_at();

create or replace trigger data_export_requests_audit
    after insert or update on public.data_export_requests
    for each row execute function public.tg_audit_privacy_request();
