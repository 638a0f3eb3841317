-- sql/policies/ai_model_configs.sql
-- Who may do what on public.ai_model_configs: a global catalogue: every signed-in user reads it, only service_role (discovery) writes it. Re-applied as a whole.

revoke all on public.ai_model_configs from anon, authenticated;
grant select on public.ai_model_configs to authenticated;
grant all on public.ai_model_configs to service_role;

create policy ai_model_configs_select_all on public.ai_model_configs
    for select
    to authenticated
    using (true);
