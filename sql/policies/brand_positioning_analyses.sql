-- sql/policies/brand_positioning_analyses.sql
-- Who may do what on public.brand_positioning_analyses. Re-applied as a whole.

revoke all on public.brand_positioning_analyses from anon, authenticated;
grant select, insert, update, delete on public.brand_positioning_analyses to authenticated;
grant all on public.brand_positioning_analyses to service_role;

create policy brand_positioning_analyses_owner on public.brand_positioning_analyses
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
