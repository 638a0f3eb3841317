-- sql/functions/calculate_lead_score.sql

create or replace function public.calculate_lead_score(p_lead_id uuid)
returns integer
language sql
stable
set search_path = ''
as $$
    -- Every activity earns the points of each active rule of the lead's
    -- owner that matches its type and whose conditions its data contains.
    select greatest(0, coalesce(sum(r.points), 0))::integer
    from public.leads as l
    join public.lead_activities as a
        on a.lead_id = l.id
    join public.lead_scoring_rules as r
        on r.user_id = l.created_by
       and r.is_active
       and r.activity_type = a.activity_type
       and a.activity_data @> r.conditions
    where l.id = p_lead_id
$$;

comment on function public.calculate_lead_score(uuid) is
    'The score a lead earns from its activities under its owner''s active scoring rules (at least 0). Runs with the caller''s rights: another user''s lead scores 0.';

revoke execute on function public.calculate_lead_score(uuid) from public, anon;
grant execute on function public.calculate_lead_score(uuid) to authenticated, service_role;
