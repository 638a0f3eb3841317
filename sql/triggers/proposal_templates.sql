-- sql/triggers/proposal_templates.sql
-- Triggers on public.proposal_templates: updated_at.

create or replace trigger proposal_templates_updated_at
    before update on public.proposal_templates
    for each row execute function public.tg_stamp_updated_at();
