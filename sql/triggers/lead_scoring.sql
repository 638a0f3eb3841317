-- sql/triggers/lead_scoring.sql
-- Lead scores follow the activities and the scoring rules.

create or replace trigger lead_activities_rescore_lead
    after insert or update or delete on public.lead_activities
    for each row execute function public.lead_activities_rescore_lead();

create or replace trigger lead_scoring_rules_rescore_leads
    after insert or update or delete on public.lead_scoring_rules
    for each row execute function public.lead_scoring_rules_rescore_leads();
