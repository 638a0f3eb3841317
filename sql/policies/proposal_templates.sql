-- sql/policies/proposal_templates.sql
-- Who may do what on public.proposal_templates: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.proposal_templates from anon, authenticated;
grant select, delete on public.proposal_templates to authenticated;
grant insert (id, user_id, name, description, industry, service_type, sections, pricing, terms, currency,
    validity_days, is_default, is_archived, created_at, updated_at)
    on public.proposal_templates to authenticated;
grant update (id, user_id, name, description, industry, service_type, sections, pricing, terms, currency,
    validity_days, is_default, is_archived, created_at, updated_at)
    on public.proposal_templates to authenticated;
grant all on public.proposal_templates to service_role;

create policy proposal_templates_owner on public.proposal_templates
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
