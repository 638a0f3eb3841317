-- sql/policies/brand_assets.sql
-- Who may do what on public.brand_assets: each user manages only their own rows. Re-applied as a whole.

revoke all on public.brand_assets from anon, authenticated;
grant select, insert, update, delete on public.brand_assets to authenticated;
grant all on public.brand_assets to service_role;

create policy brand_assets_owner on public.brand_assets
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
