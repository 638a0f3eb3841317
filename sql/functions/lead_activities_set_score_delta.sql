-- sql/functions/lead_activities_set_score_delta.sql

create or replace function public.lead_activities_set_score_delta()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- score_delta is derived, never taken from the writer: the points of every
-- active rule of the activity's owner that matches its type and whose
-- conditions its data contains (the same match as calculate_lead_score).
begin
    new.score_delta := coalesce((
        select sum(r.points)
        from public.lead_scoring_rules as r
        where r.user_id = new.user_id
          and r.is_active
          and r.activity_type = new.activity_type
          and new.activity_data @> r.conditions
    ), 0);
    return new;
end
$$;

comment on function public.lead_activities_set_score_delta() is
    'BEFORE INSERT OR UPDATE trigger on lead_activities: sets score_delta to the points the owner''s active scoring rules give the activity.';

revoke execute on function public.lead_activities_set_score_delta() from public, anon, authenticated;
