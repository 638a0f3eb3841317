-- sql/policies/digital_assets.sql
-- Who may do what on public.digital_assets: each user manages only their own rows. Re-applied as a whole.

revoke all on public.digital_assets from anon, authenticated;
grant select, insert, update, delete on public.digital_assets to authenticated;
grant all on public.digital_assets to service_role;

create policy digital_assets_owner on public.digital_assets
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
