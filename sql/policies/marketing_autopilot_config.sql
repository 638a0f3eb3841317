-- sql/policies/marketing_autopilot_config.sql
-- Who may do what on public.marketing_autopilot_config: each user manages their own autopilot configuration. Re-applied as a whole.

revoke all on public.marketing_autopilot_config from anon, authenticated;
grant select, insert, update, delete on public.marketing_autopilot_config to authenticated;
grant all on public.marketing_autopilot_config to service_role;

create policy marketing_autopilot_config_owner on public.marketing_autopilot_config
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
