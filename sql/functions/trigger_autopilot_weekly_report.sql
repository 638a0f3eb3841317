-- sql/functions/trigger_autopilot_weekly_report.sql

create or replace function public.trigger_autopilot_weekly_report(
    p_user_id uuid default null,
    p_week_start date default null
)
returns public.autopilot_weekly_reports
language plpgsql
security definer
set search_path = ''
as $$
-- Manual trigger of the weekly report. Signed-in users run it for
-- themselves only: p_user_id may be omitted or must be their own id.
-- service_role (the server) must name the user. SECURITY DEFINER because
-- reports and the activity log are written by the system only.
declare
    v_user uuid;
begin
    if coalesce((select auth.role()), '') = 'service_role' then
        if p_user_id is null then
            raise exception 'service_role must name the user: trigger_autopilot_weekly_report(<user id>)'
                using errcode = 'invalid_parameter_value';
        end if;
        v_user := p_user_id;
    else
        v_user := (select auth.uid());
        if v_user is null then
            raise exception 'not signed in' using errcode = 'insufficient_privilege';
        end if;
        if p_user_id is not null and p_user_id <> v_user then
            raise exception 'you may generate reports only for yourself'
                using errcode = 'insufficient_privilege';
        end if;
    end if;
    return public.generate_autopilot_weekly_report(v_user, p_week_start, 'manual');
end
$$;

comment on function public.trigger_autopilot_weekly_report(uuid, date) is
    'Generates (or refreshes) now the weekly autopilot report of the calling user (service_role: of the named user) for the week starting p_week_start (a Monday; default the last complete week) and returns it. Refuses another user''s id.';

revoke execute on function public.trigger_autopilot_weekly_report(uuid, date) from public, anon;
grant execute on function public.trigger_autopilot_weekly_report(uuid, date) to authenticated, service_role;
