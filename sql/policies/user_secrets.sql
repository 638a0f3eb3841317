-- sql/policies/user_secrets.sql
-- Who may do what on public.user_secrets. Re-applied as a whole.
-- Users write their own keys but never read the ciphertext or the IV: the select grant
-- lists the other columns only. Decryption happens server-side (service_role).

revoke all on public.user_secrets from anon, authenticated;
grant select (id, user_id, service_name, key_hint, last_used_at, expires_at, created_at, updated_at)
    on public.user_secrets to authenticated;
grant insert (user_id, service_name, encrypted_value, initialization_vector, key_hint, expires_at)
    on public.user_secrets to authenticated;
grant update (encrypted_value, initialization_vector, key_hint, expires_at) on public.user_secrets to authenticated;
grant delete on public.user_secrets to authenticated;
grant all on public.user_secrets to service_role;

create policy user_secrets_owner on public.user_secrets
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
