-- sql/policies/user_privacy_settings.sql
-- Who may do what on public.user_privacy_settings. Re-applied as a whole.
-- Created with the account; the user reads it and changes consents and retention.

revoke all on public.user_privacy_settings from anon, authenticated;
grant select on public.user_privacy_settings to authenticated;
grant update (data_processing_consent, marketing_consent, analytics_consent, third_party_consent,
              data_retention_days)
    on public.user_privacy_settings to authenticated;
grant all on public.user_privacy_settings to service_role;

create policy user_privacy_settings_select_own on public.user_privacy_settings
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy user_privacy_settings_update_own on public.user_privacy_settings
    for update
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
