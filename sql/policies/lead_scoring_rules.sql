-- sql/policies/lead_scoring_rules.sql
-- Who may do what on public.lead_scoring_rules. Re-applied as a whole.

revoke all on public.lead_scoring_rules from anon, authenticated;
grant select, insert, update, delete on public.lead_scoring_rules to authenticated;
grant all on public.lead_scoring_rules to service_role;

create policy lead_scoring_rules_owner on public.lead_scoring_rules
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
