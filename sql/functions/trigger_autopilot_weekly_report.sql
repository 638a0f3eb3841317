-- sql/functions/trigger_autopilot_weekly_report.sql

create or replace function public.trigger_autopilot_weekly_report(
    p_user_id uuid default null,
    p_week_start date default null
)
returns public.autopilot_weekly_reports
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Manual trigger of the weekly report. Signed-in users run it for
-- themselves only: p_user_id may be omitted or must be their own id.
-- service_role (the server) must name the user (public.autopilot_target_user
-- enforces both). SECURITY DEFINER because reports and the activity log are
-- written by the system only.
begin
    return public.generate_autopilot_weekly_report(
        public.autopilot_target_user(p_user_id, 'trigger_autopilot_weekly_report', 'generate reports'),
        p_week_start,
        'manual');
end
$$;

comment on function public.trigger_autopilot_weekly_report(uuid, date) is
    'Generates (or refreshes) now the weekly autopilot report of the calling user (service_role: of the named user) for the week starting p_week_start (a Monday; default the last complete week) and returns it. Refuses another user''s id.';

revoke execute on function public.trigger_autopilot_weekly_report(uuid, date) from public, anon;
grant execute on function public.trigger_autopilot_weekly_report(uuid, date) to authenticated, service_role;
