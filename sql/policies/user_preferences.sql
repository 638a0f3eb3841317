-- sql/policies/user_preferences.sql
-- Who may do what on public.user_preferences. Re-applied as a whole.
-- Created with the account (auth_users_create_defaults); the user reads and edits their own row.

revoke all on public.user_preferences from anon, authenticated;
grant select, insert, update on public.user_preferences to authenticated;
grant all on public.user_preferences to service_role;

create policy user_preferences_select_own on public.user_preferences
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy user_preferences_insert_own on public.user_preferences
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);

create policy user_preferences_update_own on public.user_preferences
    for update
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
