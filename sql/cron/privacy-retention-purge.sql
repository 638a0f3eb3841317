-- sql/cron/privacy-retention-purge.sql
-- Daily at 03:30 UTC: each user's activity records and message history
-- older than their data_retention_days are deleted
-- (public.purge_expired_user_data() names the tables). cron.schedule with a
-- job name updates the job of that name, so re-applying this file never
-- duplicates it.

select cron.schedule(
    'privacy-retention-purge',
    '30 3 * * *',
    $$select public.purge_expired_user_data()$$
);
