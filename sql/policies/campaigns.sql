-- sql/policies/campaigns.sql
-- Who may do what on public.campaigns. Re-applied as a whole.

revoke all on public.campaigns from anon, authenticated;
grant select, insert, update, delete on public.campaigns to authenticated;
grant all on public.campaigns to service_role;

create policy campaigns_owner on public.campaigns
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
