-- sql/views/autopilot_cron_monitor.sql
-- The autopilot's scheduled routines: their pg_cron jobs (where pg_cron is
-- installed) and the runs the routines logged in autopilot_activity_log.
--
-- A view that names cron.job cannot even be created where pg_cron is absent,
-- and pg_cron is optional (sql/cron is applied only where it is installed).
-- So this file creates one of two variants of the same view, chosen at apply
-- time through EXECUTE: with pg_cron, the job's schedule, active flag and
-- last run come from cron.job and cron.job_run_details; without it those
-- columns are NULL and cron_installed is false. Both variants have the same
-- columns, so re-applying after pg_cron is installed (or removed, which
-- needs drop extension ... cascade) replaces the view in place.
--
-- For operators: granted to service_role only (users see their own runs in
-- autopilot_activity_log). pg_cron does not grant usage on schema cron, so
-- the pg_cron variant grants it to service_role, which bypasses the row
-- level security of cron.job and sees every job.

do $view$
declare
    v_cron boolean := exists (select from pg_catalog.pg_extension where extname = 'pg_cron');
    v_jobs text := $sql$
        select *
        from (values
            ('autopilot-daily-optimization', 'optimization_run', 'public.run_daily_autopilot_optimization()'),
            ('autopilot-weekly-reports', 'report_generated', 'public.run_weekly_autopilot_reports()')
        ) as j (job_name, activity_type, routine)
    $sql$;
    v_logged text := $sql$
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
    $sql$;
begin
    if v_cron then
        execute format($sql$
            create or replace view public.autopilot_cron_monitor
            with (security_invoker = true)
            as
            select
                j.job_name,
                j.routine,
                true as cron_installed,
                cj.jobid as cron_job_id,
                cj.schedule::text as schedule,
                cj.active as cron_active,
                run.start_time as last_cron_run_at,
                run.status::text as last_cron_run_status,
                run.return_message::text as last_cron_run_message,
                l.last_logged_run_at,
                l.last_scheduled_run_at,
                l.runs_logged_last_7_days,
                l.failed_runs_last_7_days,
                l.users_last_7_days
            from (%s) as j
            left join cron.job as cj on cj.jobname = j.job_name
            left join lateral (
                select d.start_time, d.status, d.return_message
                from cron.job_run_details as d
                where d.jobid = cj.jobid
                order by d.start_time desc nulls last
                limit 1
            ) as run on true
            cross join lateral (%s) as l
        $sql$, v_jobs, v_logged);
        if not has_schema_privilege('service_role', 'cron', 'usage') then
            grant usage on schema cron to service_role;
        end if;
    else
        execute format($sql$
            create or replace view public.autopilot_cron_monitor
            with (security_invoker = true)
            as
            select
                j.job_name,
                j.routine,
                false as cron_installed,
                null::bigint as cron_job_id,
                null::text as schedule,
                null::boolean as cron_active,
                null::timestamptz as last_cron_run_at,
                null::text as last_cron_run_status,
                null::text as last_cron_run_message,
                l.last_logged_run_at,
                l.last_scheduled_run_at,
                l.runs_logged_last_7_days,
                l.failed_runs_last_7_days,
                l.users_last_7_days
            from (%s) as j
            cross join lateral (%s) as l
        $sql$, v_jobs, v_logged);
    end if;
end
$view$;

comment on view public.autopilot_cron_monitor is
    'Health of the autopilot''s scheduled routines, one row per job (autopilot-daily-optimization, autopilot-weekly-reports): the pg_cron schedule, active flag and last run with its status where pg_cron is installed, and the runs the routines logged in autopilot_activity_log (last run, last scheduled run, runs, failures and users in the last 7 days).';

revoke all on public.autopilot_cron_monitor from anon, authenticated;
grant select on public.autopilot_cron_monitor to service_role;
