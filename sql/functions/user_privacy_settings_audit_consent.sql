-- sql/functions/user_privacy_settings_audit_consent.sql

create or replace function public.user_privacy_settings_audit_consent()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Records which consents changed, from what to what, and stamps the time of
-- the change on the settings row.
declare
    changes jsonb := '{}';
    consent text;
begin
    foreach consent in array array['data_processing_consent', 'marketing_consent', 'analytics_consent',
                                   'third_party_consent']
    loop
        if (to_jsonb(old) -> consent) is distinct from (to_jsonb(new) -> consent) then
            changes := changes || jsonb_build_object(consent,
                jsonb_build_object('from', to_jsonb(old) -> consent, 'to', to_jsonb(new) -> consent));
        end if;
    end loop;
    if changes <> '{}' then
        new.consent_updated_at := now();
        perform public.write_privacy_audit(new.user_id, 'consent_updated', changes);
    end if;
    return new;
end
$$;

comment on function public.user_privacy_settings_audit_consent() is
    'BEFORE UPDATE trigger on user_privacy_settings: audits consent changes and stamps consent_updated_at.';

revoke execute on function public.user_privacy_settings_audit_consent() from public, anon, authenticated;
