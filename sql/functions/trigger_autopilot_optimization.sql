-- sql/functions/trigger_autopilot_optimization.sql

create or replace function public.trigger_autopilot_optimization(p_user_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
-- Manual trigger of the daily optimisation. Signed-in users run it for
-- themselves only: p_user_id may be omitted or must be their own id.
-- service_role (the server) must name the user. SECURITY DEFINER because
-- the run writes the activity log, which users may only read.
declare
    v_user uuid;
begin
    if coalesce((select auth.role()), '') = 'service_role' then
        if p_user_id is null then
            raise exception 'service_role must name the user: trigger_autopilot_optimization(<user id>)'
                using errcode = 'invalid_parameter_value';
        end if;
        v_user := p_user_id;
    else
        v_user := (select auth.uid());
        if v_user is null then
            raise exception 'not signed in' using errcode = 'insufficient_privilege';
        end if;
        if p_user_id is not null and p_user_id <> v_user then
            raise exception 'you may run the autopilot only for yourself'
                using errcode = 'insufficient_privilege';
        end if;
    end if;
    return public.run_autopilot_optimization(v_user, 'manual');
end
$$;

comment on function public.trigger_autopilot_optimization(uuid) is
    'Runs the daily autopilot optimisation now for the calling user (service_role: for the named user) and returns its summary. Refuses another user''s id.';

revoke execute on function public.trigger_autopilot_optimization(uuid) from public, anon;
grant execute on function public.trigger_autopilot_optimization(uuid) to authenticated, service_role;
