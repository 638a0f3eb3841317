-- sql/policies/email_campaigns.sql
-- Who may do what on public.email_campaigns: each user manages only their own rows. Re-applied as a whole.

revoke all on public.email_campaigns from anon, authenticated;
grant select, insert, update, delete on public.email_campaigns to authenticated;
grant all on public.email_campaigns to service_role;

create policy email_campaigns_owner on public.email_campaigns
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
