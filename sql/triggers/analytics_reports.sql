-- sql/triggers/analytics_reports.sql
-- Triggers on public.analytics_reports: its status lifecycle, generated_at and updated_at.

-- A report is generated, and may be generated again; generated_at follows the status.
create or replace trigger analytics_reports_status_transition
    before insert or update of status on public.analytics_reports
    for each row execute function public.tg_enforce_status_transition(
        '>pending',
        'pending>generating', 'generating>completed', 'generating>failed', 'failed>pending', 'completed>pending'
    );

create or replace trigger analytics_reports_stamp_generated_at
    before insert or update of status on public.analytics_reports
    for each row execute function public.analytics_reports_stamp_generated_at();

create or replace trigger analytics_reports_updated_at
    before update on public.analytics_reports
    for each row execute function public.tg_stamp_updated_at();
