-- sql/functions/autopilot_cron_job_state.sql

create or replace function public.autopilot_cron_job_state()
returns table (
    job_name text,
    cron_job_id bigint,
    schedule text,
    cron_active boolean,
    last_cron_run_at timestamptz,
    last_cron_run_status text,
    last_cron_run_message text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
-- The autopilot's pg_cron jobs in this database, each with its last run;
-- no rows where pg_cron is not installed. pg_cron is optional, and a view
-- that names cron.job cannot be created without it: autopilot_cron_monitor
-- reads the jobs through this function, which looks at call time, so the
-- view has one definition on every server. Security definer: pg_cron
-- grants no access to schema cron; the owner (who scheduled the jobs)
-- reads them, and only service_role may call this.
begin
    if to_regclass('cron.job') is null then
        return;
    end if;
    return query execute $sql$
        select
            j.jobname::text,
            j.jobid,
            j.schedule::text,
            j.active,
            r.start_time,
            r.status::text,
            r.return_message::text
        from cron.job as j
        left join lateral (
            select d.start_time, d.status, d.return_message
            from cron.job_run_details as d
            where d.jobid = j.jobid
            order by d.start_time desc nulls last
            limit 1
        ) as r on true
        where j.database = current_database()
            and j.jobname in ('autopilot-daily-optimization', 'autopilot-weekly-reports')
    $sql$;
end
$$;

comment on function public.autopilot_cron_job_state() is
    'The autopilot''s pg_cron jobs in this database (schedule, active flag, last run and its status); no rows where pg_cron is not installed. Read by the autopilot_cron_monitor view; service_role only.';

revoke all on function public.autopilot_cron_job_state() from public, anon, authenticated;
grant execute on function public.autopilot_cron_job_state() to service_role;
