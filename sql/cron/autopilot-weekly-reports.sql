-- sql/cron/autopilot-weekly-reports.sql
-- Mondays at 09:00 UTC (pg_cron runs in GMT unless cron.timezone says
-- otherwise): the weekly report of the week that just ended for every user
-- with an active config. cron.schedule with a job name updates the job of
-- that name, so re-applying this file never duplicates it.

select cron.schedule(
    'autopilot-weekly-reports',
    '0 9 * * 1',
    $$select public.run_weekly_autopilot_reports()$$
);
