-- sql/policies/storage_deletion_queue.sql
-- Who may do what on public.storage_deletion_queue. Re-applied as a whole.
-- The storage worker's queue: service_role only (it bypasses row level
-- security); no user or anon reads it, so it has no policy.
-- schema_tool: ignore rls-without-policy (service_role only: the storage worker drains the queue)

revoke all on public.storage_deletion_queue from anon, authenticated;
grant all on public.storage_deletion_queue to service_role;
