-- sql/triggers/user_preferences.sql
-- Triggers on public.user_preferences: updated_at.

create or replace trigger user_preferences_updated_at
    before update on public.user_preferences
    for each row execute function public.tg_stamp_updated_at();
