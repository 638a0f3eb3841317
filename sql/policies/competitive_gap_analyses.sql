-- sql/policies/competitive_gap_analyses.sql
-- Who may do what on public.competitive_gap_analyses. Re-applied as a whole.

revoke all on public.competitive_gap_analyses from anon, authenticated;
grant select, insert, update, delete on public.competitive_gap_analyses to authenticated;
grant all on public.competitive_gap_analyses to service_role;

create policy competitive_gap_analyses_owner on public.competitive_gap_analyses
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
