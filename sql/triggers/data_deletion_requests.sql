-- sql/triggers/data_deletion_requests.sql
-- Triggers on public.data_deletion_requests: its status lifecycle, completed_at and the privacy
-- audit trail.

-- A deletion request moves forward only (or is cancelled while pending), and
-- every step is audited.
create or replace trigger data_deletion_requests_status_transition
    before insert or update of status on public.data_deletion_requests
    for each row execute function public.tg_enforce_status_transition(
        '>pending',
        'pending>processing', 'pending>cancelled', 'processing>completed'
    );

create or replace trigger data_deletion_requests_stamp_completed_at
    before insert or update of status on public.data_deletion_requests
    for each row execute function public.tg_stamp_completed_at();

create or replace trigger data_deletion_requests_audit
    after insert or update on public.data_deletion_requests
    for each row execute function public.tg_audit_privacy_request();
