-- sql/policies/proposal_templates.sql
-- Who may do what on public.proposal_templates: each user manages only their own rows. Re-applied as a whole.

revoke all on public.proposal_templates from anon, authenticated;
grant select, insert, update, delete on public.proposal_templates to authenticated;
grant all on public.proposal_templates to service_role;

create policy proposal_templates_owner on public.proposal_templates
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
