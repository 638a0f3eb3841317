-- sql/policies/email_automation_rules.sql
-- Who may do what on public.email_automation_rules: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.email_automation_rules from anon, authenticated;
grant select, delete on public.email_automation_rules to authenticated;
grant insert (id, user_id, template_id, name, description, trigger_event, conditions, actions, delay_minutes,
    is_active, created_at, updated_at)
    on public.email_automation_rules to authenticated;
grant update (id, user_id, template_id, name, description, trigger_event, conditions, actions, delay_minutes,
    is_active, created_at, updated_at)
    on public.email_automation_rules to authenticated;
grant all on public.email_automation_rules to service_role;

create policy email_automation_rules_owner on public.email_automation_rules
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
