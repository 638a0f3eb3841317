-- pg_cron jobs scheduled by name (name, schedule, command, active) that run
-- in this database: cron.job lists the jobs of every database of the server.
select
    j.jobname as name,
    j.schedule,
    j.command,
    j.active
from cron.job as j
where j.jobname is not null
    and j.database = current_database()
order by 1
