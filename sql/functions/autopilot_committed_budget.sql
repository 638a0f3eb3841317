-- sql/functions/autopilot_committed_budget.sql

create or replace function public.autopilot_committed_budget(p_user_id uuid)
returns numeric
language sql
stable
set search_path = ''
as $$
    -- The one definition of what counts against marketing_autopilot_config.
    -- monthly_budget: the summed campaigns.budget of the user's active
    -- auto-managed campaigns. The optimiser caps its raises with it and the
    -- dashboard's budget_remaining is monthly_budget minus it. Runs with the
    -- caller's rights: another user's campaigns count 0.
    select coalesce(sum(c.budget), 0)
    from public.campaigns as c
    where c.created_by = p_user_id
      and c.auto_managed
      and c.status = 'active'
$$;

comment on function public.autopilot_committed_budget(uuid) is
    'The budget committed against the monthly budget: the summed budget of the user''s active auto-managed campaigns (used by run_autopilot_optimization and get_autopilot_dashboard_stats).';

revoke execute on function public.autopilot_committed_budget(uuid) from public, anon;
grant execute on function public.autopilot_committed_budget(uuid) to authenticated, service_role;
