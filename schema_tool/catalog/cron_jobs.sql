-- pg_cron jobs.
select j.jobname as name, j.schedule, j.command, j.active
from cron.job as j
order by 1
