-- sql/policies/webhooks.sql
-- Who may do what on public.webhooks. Re-applied as a whole.
-- The signing secret is write-only for users: the select grant leaves it out.

revoke all on public.webhooks from anon, authenticated;
grant select (id, user_id, name, url, events, is_active, failure_count, last_status_code, last_triggered_at,
              created_at, updated_at)
    on public.webhooks to authenticated;
grant insert (user_id, name, url, events, secret_encrypted, is_active) on public.webhooks to authenticated;
grant update (name, url, events, secret_encrypted, is_active) on public.webhooks to authenticated;
grant delete on public.webhooks to authenticated;
grant all on public.webhooks to service_role;

create policy webhooks_owner on public.webhooks
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
