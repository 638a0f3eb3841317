-- sql/triggers/analytics_lifecycle.sql
-- Report generation and insight handling follow their lifecycles.

create or replace trigger analytics_reports_status_transition
    before insert or update of status on public.analytics_reports
    for each row execute function public.enforce_status_transition(
        '>pending',
        'pending>generating', 'generating>completed', 'generating>failed', 'failed>pending', 'completed>pending'
    );

create or replace trigger analytics_reports_stamp_generated_at
    before insert or update of status on public.analytics_reports
    for each row execute function public.stamp_generated_at();

create or replace trigger ai_insights_status_transition
    before insert or update of status on public.ai_insights
    for each row execute function public.enforce_status_transition(
        '>new',
        'new>viewed', 'new>acted_on', 'new>dismissed', 'viewed>acted_on', 'viewed>dismissed'
    );
