-- sql/functions/consume_oauth_state.sql

create or replace function public.consume_oauth_state(p_state text)
returns table (
    state_id uuid,
    platform_name text,
    redirect_uri text,
    created_at timestamptz
)
language sql
volatile
set search_path = ''
as $$
    -- One UPDATE both checks and consumes the state, so two callbacks racing
    -- with the same state cannot both succeed. Runs with the caller's rights:
    -- row level security makes another user's state invisible.
    update public.oauth_states as s
    set used_at = now()
    where s.state = p_state
      and s.used_at is null
      and s.expires_at > now()
    returning s.id, s.platform_name, s.redirect_uri, s.created_at
$$;

comment on function public.consume_oauth_state(text) is
    'Consumes an OAuth state once: returns it only if it is unused, unexpired and the caller''s own; afterwards it returns nothing.';

revoke execute on function public.consume_oauth_state(text) from public, anon;
grant execute on function public.consume_oauth_state(text) to authenticated, service_role;
