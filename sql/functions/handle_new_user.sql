-- sql/functions/handle_new_user.sql

create or replace function public.handle_new_user()
returns trigger
language plpgsql
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

comment on function public.handle_new_user() is
    'AFTER INSERT trigger on auth.users: creates the new user''s default user_preferences and user_privacy_settings.';

revoke execute on function public.handle_new_user() from public, anon, authenticated;
