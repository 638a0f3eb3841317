-- sql/policies/leads.sql
-- Who may do what on public.leads. Re-applied as a whole.

revoke all on public.leads from anon, authenticated;
grant select, insert, update, delete on public.leads to authenticated;
grant all on public.leads to service_role;

create policy leads_owner on public.leads
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
