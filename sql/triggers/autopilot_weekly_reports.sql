-- sql/triggers/autopilot_weekly_reports.sql
-- Triggers on public.autopilot_weekly_reports: updated_at.

create or replace trigger autopilot_weekly_reports_updated_at
    before update on public.autopilot_weekly_reports
    for each row execute function public.tg_stamp_updated_at();
