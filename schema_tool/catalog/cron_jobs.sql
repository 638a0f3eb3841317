-- pg_cron jobs scheduled by name (name, schedule, command, active).
select
    j.jobname as name,
    j.schedule,
    j.command,
    j.active
from cron.job as j
where j.jobname is not null
order by 1
