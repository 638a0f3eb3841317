-- sql/cron/autopilot-daily-optimization.sql
-- Daily at 02:00 UTC (pg_cron runs in GMT unless cron.timezone says
-- otherwise): the autopilot optimisation for every user with an active
-- config. cron.schedule with a job name updates the job of that name, so
-- re-applying this file never duplicates it.

select cron.schedule(
    'autopilot-daily-optimization',
    '0 2 * * *',
    $$select public.run_daily_autopilot_optimization()$$
);
