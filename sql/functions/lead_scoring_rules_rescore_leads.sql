-- sql/functions/lead_scoring_rules_rescore_leads.sql

create or replace function public.lead_scoring_rules_rescore_leads()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- A rule added, changed or removed changes the score_delta of its owner's
-- activities of the rule's type, and so the score of their leads. Users may
-- not update lead_activities (history is not rewritten), so this runs as its
-- owner; it only touches rows of the rule's own owner, whose rule row has
-- already passed the caller's row level security.
declare
    owners uuid[] := array_remove(array[
        case when tg_op <> 'DELETE' then new.user_id end,
        case when tg_op <> 'INSERT' then old.user_id end
    ], null);
    types text[] := array_remove(array[
        case when tg_op <> 'DELETE' then new.activity_type end,
        case when tg_op <> 'INSERT' then old.activity_type end
    ], null);
    rescored uuid[];
begin
    if tg_op = 'UPDATE'
        and (new.user_id, new.activity_type, new.conditions, new.points, new.is_active)
        is not distinct from (old.user_id, old.activity_type, old.conditions, old.points, old.is_active)
    then
        return null;  -- a rename changes no score
    end if;

    with points as (
        select a.id, coalesce(sum(r.points), 0)::integer as delta
        from public.lead_activities as a
        left join public.lead_scoring_rules as r
            on r.user_id = a.user_id
           and r.is_active
           and r.activity_type = a.activity_type
           and a.activity_data @> r.conditions
        where a.user_id = any (owners)
          and a.activity_type = any (types)
        group by a.id
    ),
    changed as (
        update public.lead_activities as a
        set score_delta = points.delta
        from points
        where a.id = points.id
          and a.score_delta <> points.delta
        returning a.lead_id
    )
    select array_agg(distinct changed.lead_id) into rescored from changed;

    update public.leads as l
    set score = public.calculate_lead_score(l.id)
    where l.id = any (rescored);
    return null;
end
$$;

comment on function public.lead_scoring_rules_rescore_leads() is
    'AFTER trigger on lead_scoring_rules: recomputes score_delta of the owner''s activities of the rule''s type and rescores the leads whose activities changed.';

revoke execute on function public.lead_scoring_rules_rescore_leads() from public, anon, authenticated;
