-- sql/functions/lead_activities_rescore_lead.sql

create or replace function public.lead_activities_rescore_lead()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- After an activity is added, changed or removed, the lead's score and
-- last_activity_at are recomputed from all of its activities. SECURITY
-- DEFINER: both are server-kept, not granted to authenticated; it touches
-- only the activity's lead (the composite foreign key ties its owner).
declare
    affected uuid;
begin
    foreach affected in array array_remove(array[
        case when tg_op <> 'DELETE' then new.lead_id end,
        case when tg_op <> 'INSERT' then old.lead_id end
    ], null)
    loop
        update public.leads as l
        set score = public.calculate_lead_score(l.id),
            last_activity_at = (
                select max(a.occurred_at) from public.lead_activities as a where a.lead_id = l.id
            )
        where l.id = affected;
    end loop;
    return null;
end
$$;

comment on function public.lead_activities_rescore_lead() is
    'AFTER trigger on lead_activities: recomputes the lead''s score and last_activity_at.';

revoke execute on function public.lead_activities_rescore_lead() from public, anon, authenticated;
