-- sql/views/autopilot_cron_monitor.sql
-- The autopilot's scheduled routines: their pg_cron jobs (where pg_cron is
-- installed) and the runs the routines logged in autopilot_activity_log.
--
-- pg_cron is optional (sql/cron is applied only where it is installed), so
-- the view reads the jobs through autopilot_cron_job_state(), which returns
-- no rows without pg_cron: the view has one definition on every server, and
-- `schema_tool diff` compares like with like whether or not the scratch
-- database can have pg_cron.
--
-- For operators: granted to service_role only (users see their own runs in
-- autopilot_activity_log).

create or replace view public.autopilot_cron_monitor
with (security_invoker = true)
as
with pg_cron as (
    select to_regclass('cron.job') is not null as installed
)

select
    j.job_name,
    j.routine,
    p.installed as cron_installed,
    c.cron_job_id,
    c.schedule,
    c.cron_active,
    c.last_cron_run_at,
    c.last_cron_run_status,
    c.last_cron_run_message,
    l.last_logged_run_at,
    l.last_scheduled_run_at,
    l.runs_logged_last_7_days,
    l.failed_runs_last_7_days,
    l.users_last_7_days
from (
    values
        ('autopilot-daily-optimization', 'optimization_run', 'public.run_daily_autopilot_optimization()'),
        ('autopilot-weekly-reports', 'report_generated', 'public.run_weekly_autopilot_reports()')
) as j (job_name, activity_type, routine)
cross join pg_cron as p
left join public.autopilot_cron_job_state() as c on j.job_name = c.job_name
cross join lateral (
    select
        max(a.created_at) as last_logged_run_at,
        max(a.created_at) filter (where a.metadata ->> 'trigger' = 'scheduled') as last_scheduled_run_at,
        count(*) filter (where a.created_at >= now() - interval '7 days') as runs_logged_last_7_days,
        count(*) filter (where a.created_at >= now() - interval '7 days'
                           and a.metadata ->> 'status' = 'failed') as failed_runs_last_7_days,
        count(distinct a.user_id) filter (where a.created_at >= now() - interval '7 days')
            as users_last_7_days
    from public.autopilot_activity_log as a
    where a.activity_type = j.activity_type
) as l;

comment on view public.autopilot_cron_monitor is
    'Health of the autopilot''s scheduled routines, one row per job (autopilot-daily-optimization, autopilot-weekly-reports): the pg_cron schedule, active flag and last run with its status where pg_cron is installed, and the runs the routines logged in autopilot_activity_log (last run, last scheduled run, runs, failures and users in the last 7 days).';

revoke all on public.autopilot_cron_monitor from anon, authenticated;
grant select on public.autopilot_cron_monitor to service_role;
