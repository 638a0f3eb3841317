-- sql/triggers/email_automation_rules.sql
-- Triggers on public.email_automation_rules: updated_at.

create or replace trigger email_automation_rules_updated_at
    before update on public.email_automation_rules
    for each row execute function public.tg_stamp_updated_at();
