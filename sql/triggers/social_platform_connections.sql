-- sql/triggers/social_platform_connections.sql
-- Triggers on public.social_platform_connections: updated_at.

create or replace trigger social_platform_connections_updated_at
    before update on public.social_platform_connections
    for each row execute function public.tg_stamp_updated_at();
