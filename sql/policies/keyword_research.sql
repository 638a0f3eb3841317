-- sql/policies/keyword_research.sql
-- Who may do what on public.keyword_research. Re-applied as a whole.

revoke all on public.keyword_research from anon, authenticated;
grant select, insert, update, delete on public.keyword_research to authenticated;
grant all on public.keyword_research to service_role;

create policy keyword_research_owner on public.keyword_research
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
