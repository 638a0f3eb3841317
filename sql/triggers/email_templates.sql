-- sql/triggers/email_templates.sql
-- Triggers on public.email_templates: updated_at.

create or replace trigger email_templates_updated_at
    before update on public.email_templates
    for each row execute function public.tg_stamp_updated_at();
