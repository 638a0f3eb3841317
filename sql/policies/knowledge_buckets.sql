-- sql/policies/knowledge_buckets.sql
-- Who may do what on public.knowledge_buckets. Re-applied as a whole.

revoke all on public.knowledge_buckets from anon, authenticated;
grant select, insert, update, delete on public.knowledge_buckets to authenticated;
grant all on public.knowledge_buckets to service_role;

create policy knowledge_buckets_owner on public.knowledge_buckets
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
