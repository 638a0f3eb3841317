-- sql/triggers/auth.users.sql
-- Triggers on auth.users: a new account's default settings.

-- A new account gets its default preferences and privacy settings.
create or replace trigger on_auth_user_created
    after insert on auth.users
    for each row execute function public.auth_users_create_defaults();
