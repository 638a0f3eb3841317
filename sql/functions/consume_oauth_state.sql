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
security definer
set search_path = ''
as $$
    -- One UPDATE both checks and consumes the state, so two callbacks racing
    -- with the same state cannot both succeed: the loser re-checks used_at
    -- after the winner commits and matches nothing. Security definer because
    -- users hold no UPDATE on oauth_states (they could otherwise reset
    -- used_at and replay a state); the owner check is therefore explicit.
    -- service_role (the server finishing the OAuth callback) may consume any
    -- user's state.
    update public.oauth_states as s
    set used_at = now()
    where s.state = p_state
      and s.used_at is null
      and s.expires_at > now()
      and (s.user_id = (select auth.uid()) or (select auth.role()) = 'service_role')
    returning s.id, s.platform_name, s.redirect_uri, s.created_at
$$;

comment on function public.consume_oauth_state(text) is
    'Consumes an OAuth state once: returns it only if it is unused, unexpired and the caller''s own (service_role: anyone''s); afterwards it returns nothing.';

revoke execute on function public.consume_oauth_state(text) from public, anon;
grant execute on function public.consume_oauth_state(text) to authenticated, service_role;
