-- sql/triggers/lead_scoring_rules.sql
-- Triggers on public.lead_scoring_rules: the scores of the owner's leads and updated_at.

-- A rule change rewrites the deltas of the owner's activities and rescores
-- the affected leads once.
create or replace trigger lead_scoring_rules_rescore_leads
    after insert or update or delete on public.lead_scoring_rules
    for each row execute function public.lead_scoring_rules_rescore_leads();

create or replace trigger lead_scoring_rules_updated_at
    before update on public.lead_scoring_rules
    for each row execute function public.tg_stamp_updated_at();
