-- sql/functions/lead_scoring_rules_rescore_leads.sql

create or replace function public.lead_scoring_rules_rescore_leads()
returns trigger
language plpgsql
set search_path = ''
as $$
-- A rule added, changed or removed changes the score of every lead of its
-- owner that has activities of the rule's type.
declare
    owner uuid := case when tg_op = 'DELETE' then old.user_id else new.user_id end;
begin
    update public.leads as l
    set score = public.calculate_lead_score(l.id)
    where l.created_by = owner
      and exists (select from public.lead_activities as a where a.lead_id = l.id);
    return null;
end
$$;

comment on function public.lead_scoring_rules_rescore_leads() is
    'AFTER trigger on lead_scoring_rules: rescores the owner''s leads that have activities.';

revoke execute on function public.lead_scoring_rules_rescore_leads() from public, anon, authenticated;
