-- sql/triggers/lead_activities.sql
-- Triggers on public.lead_activities: score_delta and the lead's score.

-- Lead scores follow the activities and the scoring rules: each activity
-- carries the points the active rules give it (score_delta), and the lead's
-- score is recomputed when its activities or its owner's rules change.
create or replace trigger lead_activities_set_score_delta
    before insert or update on public.lead_activities
    for each row execute function public.lead_activities_set_score_delta();

-- not on score_delta alone: a rule change rewrites the deltas and then
-- rescores the affected leads once itself
create or replace trigger lead_activities_rescore_lead
    after insert or delete or update of lead_id, user_id, activity_type, activity_data, occurred_at
    on public.lead_activities
    for each row execute function public.lead_activities_rescore_lead();
