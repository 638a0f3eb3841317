-- sql/policies/leads.sql
-- Who may do what on public.leads. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.leads from anon, authenticated;
grant select, delete on public.leads to authenticated;
grant insert (id, created_by, campaign_id, email, first_name, last_name, company, job_title, phone, source,
    status, tags, custom_fields, notes, converted_at, created_at, updated_at)
    on public.leads to authenticated;
grant update (id, created_by, campaign_id, email, first_name, last_name, company, job_title, phone, source,
    status, tags, custom_fields, notes, converted_at, created_at, updated_at)
    on public.leads to authenticated;
grant all on public.leads to service_role;

create policy leads_owner on public.leads
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
