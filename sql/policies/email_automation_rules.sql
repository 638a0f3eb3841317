-- sql/policies/email_automation_rules.sql
-- Who may do what on public.email_automation_rules: each user manages only their own rows. Re-applied as a whole.

revoke all on public.email_automation_rules from anon, authenticated;
grant select, insert, update, delete on public.email_automation_rules to authenticated;
grant all on public.email_automation_rules to service_role;

create policy email_automation_rules_owner on public.email_automation_rules
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
