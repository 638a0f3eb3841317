-- sql/migrations/0022_trigger_function_names.sql
-- Trigger functions follow one naming pattern: <table>_<verb>_<what> for the
-- function of one table, tg_<verb>_<what> for one shared by several tables.
-- A database built before this migration holds ten of them under their old
-- names. They are renamed in place: a trigger calls its function by oid, so
-- every trigger keeps working, no trigger is dropped and no table is locked;
-- the function and trigger files re-applied afterwards find the new names.
-- On a new database the old names never existed and nothing happens here.

do $$
declare
    pair text[];
begin
    foreach pair slice 1 in array array[
        ['update_updated_at_column', 'tg_stamp_updated_at'],
        ['stamp_completed_at', 'tg_stamp_completed_at'],
        ['enforce_status_transition', 'tg_enforce_status_transition'],
        ['audit_privacy_request', 'tg_audit_privacy_request'],
        ['stamp_generated_at', 'analytics_reports_stamp_generated_at'],
        ['stamp_resolved_at', 'support_tickets_stamp_resolved_at'],
        ['audit_consent_change', 'user_privacy_settings_audit_consent'],
        ['log_secret_operation', 'user_secrets_log_operation'],
        ['sync_autopilot_lead_inbox', 'leads_sync_autopilot_lead_inbox'],
        ['handle_new_user', 'auth_users_create_defaults']
    ] loop
        if to_regprocedure(format('public.%I()', pair[1])) is not null then
            execute format('alter function public.%I() rename to %I', pair[1], pair[2]);
        end if;
    end loop;
end
$$;
