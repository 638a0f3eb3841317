-- sql/policies/funnel_designs.sql
-- Who may do what on public.funnel_designs. Re-applied as a whole.

revoke all on public.funnel_designs from anon, authenticated;
grant select, insert, update, delete on public.funnel_designs to authenticated;
grant all on public.funnel_designs to service_role;

create policy funnel_designs_owner on public.funnel_designs
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
