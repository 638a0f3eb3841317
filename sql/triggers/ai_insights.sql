-- sql/triggers/ai_insights.sql
-- Triggers on public.ai_insights: its status lifecycle and updated_at.

-- An insight is seen, then acted on or dismissed.
create or replace trigger ai_insights_status_transition
    before insert or update of status on public.ai_insights
    for each row execute function public.tg_enforce_status_transition(
        '>new',
        'new>viewed', 'new>acted_on', 'new>dismissed', 'viewed>acted_on', 'viewed>dismissed'
    );

create or replace trigger ai_insights_updated_at
    before update on public.ai_insights
    for each row execute function public.tg_stamp_updated_at();
