-- sql/triggers/user_privacy_settings.sql
-- Triggers on public.user_privacy_settings: the privacy audit trail and updated_at.

-- Consent changes are audited.
create or replace trigger user_privacy_settings_audit_consent
    before update on public.user_privacy_settings
    for each row execute function public.user_privacy_settings_audit_consent();

create or replace trigger user_privacy_settings_updated_at
    before update on public.user_privacy_settings
    for each row execute function public.tg_stamp_updated_at();
