-- sql/migrations/0014_validate_privacy_audit_constraints.sql
-- Privacy audit: validates the constraints 0013 added NOT VALID, in a
-- transaction of its own, so the checking scan holds no lock that blocks
-- writes to the audit trail.

alter table public.privacy_audit_log
    validate constraint privacy_audit_log_user_id_fkey;

alter table public.privacy_audit_log
    validate constraint privacy_audit_log_erased_is_anonymous;
