-- sql/triggers/gdpr_request_lifecycle.sql
-- Export and deletion requests move forward only, and every step is audited;
-- consent changes are audited too; the audit rows of a deleted account stay,
-- anonymous.

create or replace trigger data_export_requests_status_transition
    before insert or update of status on public.data_export_requests
    for each row execute function public.enforce_status_transition(
        '>pending',
        'pending>processing', 'processing>completed', 'processing>failed'
    );

create or replace trigger data_export_requests_stamp_completed_at
    before insert or update of status on public.data_export_requests
    for each row execute function public.stamp_completed_at();

create or replace trigger data_export_requests_audit
    after insert or update on public.data_export_requests
    for each row execute function public.audit_privacy_request();

create or replace trigger data_deletion_requests_status_transition
    before insert or update of status on public.data_deletion_requests
    for each row execute function public.enforce_status_transition(
        '>pending',
        'pending>processing', 'pending>cancelled', 'processing>completed'
    );

create or replace trigger data_deletion_requests_stamp_completed_at
    before insert or update of status on public.data_deletion_requests
    for each row execute function public.stamp_completed_at();

create or replace trigger data_deletion_requests_audit
    after insert or update on public.data_deletion_requests
    for each row execute function public.audit_privacy_request();

create or replace trigger user_privacy_settings_audit_consent
    before update on public.user_privacy_settings
    for each row execute function public.audit_consent_change();

create or replace trigger privacy_audit_log_forget_client
    before update of user_id on public.privacy_audit_log
    for each row execute function public.privacy_audit_log_forget_client();
