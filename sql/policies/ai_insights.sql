-- sql/policies/ai_insights.sql
-- Who may do what on public.ai_insights. Re-applied as a whole.

revoke all on public.ai_insights from anon, authenticated;
grant select, insert, update, delete on public.ai_insights to authenticated;
grant all on public.ai_insights to service_role;

create policy ai_insights_owner on public.ai_insights
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
