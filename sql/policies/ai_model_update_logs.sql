-- sql/policies/ai_model_update_logs.sql
-- Who may do what on public.ai_model_update_logs: global discovery run log: every signed-in user reads it, only service_role writes it. Re-applied as a whole.

revoke all on public.ai_model_update_logs from anon, authenticated;
grant select on public.ai_model_update_logs to authenticated;
grant all on public.ai_model_update_logs to service_role;

create policy ai_model_update_logs_select_all on public.ai_model_update_logs
    for select
    to authenticated
    using (true);
