-- sql/functions/trigger_autopilot_optimization.sql

create or replace function public.trigger_autopilot_optimization(p_user_id uuid default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Manual trigger of the daily optimisation. Signed-in users run it for
-- themselves only: p_user_id may be omitted or must be their own id.
-- service_role (the server) must name the user (public.autopilot_target_user
-- enforces both). SECURITY DEFINER because the run writes the activity log,
-- which users may only read.
begin
    return public.run_autopilot_optimization(
        public.autopilot_target_user(p_user_id, 'trigger_autopilot_optimization', 'run the autopilot'),
        'manual');
end
$$;

comment on function public.trigger_autopilot_optimization(uuid) is
    'Runs the daily autopilot optimisation now for the calling user (service_role: for the named user) and returns its summary. Refuses another user''s id.';

revoke execute on function public.trigger_autopilot_optimization(uuid) from public, anon;
grant execute on function public.trigger_autopilot_optimization(uuid) to authenticated, service_role;
