-- sql/functions/autopilot_target_user.sql

create or replace function public.autopilot_target_user(
    p_user_id uuid,
    p_routine text,
    p_action text
)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
-- The user a manual autopilot trigger acts for, from the request's JWT.
-- Signed-in users act for themselves only: p_user_id may be omitted or must
-- be their own id. service_role (the server) must name the user. p_routine
-- (the trigger's name) and p_action (what it does) only word the errors.
declare
    v_user uuid;
begin
    if coalesce((select auth.role()), '') = 'service_role' then
        if p_user_id is null then
            raise exception 'service_role must name the user: %(<user id>)', p_routine
                using errcode = 'invalid_parameter_value';
        end if;
        return p_user_id;
    end if;
    v_user := (select auth.uid());
    if v_user is null then
        raise exception 'not signed in' using errcode = 'insufficient_privilege';
    end if;
    if p_user_id is not null and p_user_id <> v_user then
        raise exception 'you may % only for yourself', p_action
            using errcode = 'insufficient_privilege';
    end if;
    return v_user;
end
$$;

comment on function public.autopilot_target_user(uuid, text, text) is
    'Internal to the autopilot''s manual triggers: the user to act for. Signed-in users get their own id and may not name another; service_role must name the user. p_routine and p_action word the errors.';

revoke execute on function public.autopilot_target_user(uuid, text, text) from public, anon, authenticated;
grant execute on function public.autopilot_target_user(uuid, text, text) to service_role;
