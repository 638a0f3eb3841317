-- sql/functions/auth_users_create_defaults.sql

create or replace function public.auth_users_create_defaults()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Runs as its owner because the trigger fires on auth.users, inserted by the
-- platform's auth service, which has no rights on public tables.
begin
    insert into public.user_preferences (user_id) values (new.id)
    on conflict (user_id) do nothing;
    insert into public.user_privacy_settings (user_id) values (new.id)
    on conflict (user_id) do nothing;
    return new;
end
$$;

comment on function public.auth_users_create_defaults() is
    'AFTER INSERT trigger on auth.users: creates the new user''s default user_preferences and user_privacy_settings.';

revoke execute on function public.auth_users_create_defaults() from public, anon, authenticated;
