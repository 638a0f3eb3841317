-- sql/functions/run_weekly_autopilot_reports.sql

create or replace function public.run_weekly_autopilot_reports(p_week_start date default null)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
-- Batch entry point of the cron job autopilot-weekly-reports: generates the
-- report of the last complete week (or of p_week_start) for every user with
-- an active config. Each user runs in a subtransaction: a failure is logged
-- as a failed report_generated of that user and the batch goes on.
declare
    v_done integer := 0;
    v_failed integer := 0;
    v_config record;
    v_error text;
begin
    for v_config in
        select cfg.id, cfg.user_id
        from public.marketing_autopilot_config as cfg
        where cfg.is_active
        order by cfg.user_id
    loop
        begin
            perform public.generate_autopilot_weekly_report(v_config.user_id, p_week_start, 'scheduled');
            v_done := v_done + 1;
        exception when others then
            get stacked diagnostics v_error = message_text;
            v_failed := v_failed + 1;
            insert into public.autopilot_activity_log
                (user_id, activity_type, activity_description, entity_type, entity_id, metadata)
            values (v_config.user_id, 'report_generated',
                    format('Weekly report (scheduled) failed: %s', v_error),
                    'config', v_config.id,
                    jsonb_build_object('trigger', 'scheduled', 'status', 'failed', 'error', v_error));
        end;
    end loop;
    return jsonb_build_object('users_processed', v_done, 'users_failed', v_failed);
end
$$;

comment on function public.run_weekly_autopilot_reports(date) is
    'Cron entry point (Mondays 09:00 UTC): the weekly report of the last complete week (or of p_week_start) for every user with an active config; one user''s failure is logged and skipped. Returns {"users_processed", "users_failed"}. service_role only.';

revoke execute on function public.run_weekly_autopilot_reports(date) from public, anon, authenticated;
grant execute on function public.run_weekly_autopilot_reports(date) to service_role;
