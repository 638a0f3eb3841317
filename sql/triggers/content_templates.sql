-- sql/triggers/content_templates.sql
-- Triggers on public.content_templates: updated_at.

create or replace trigger content_templates_updated_at
    before update on public.content_templates
    for each row execute function public.tg_stamp_updated_at();
