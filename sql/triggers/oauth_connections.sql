-- sql/triggers/oauth_connections.sql
-- Triggers on public.oauth_connections: updated_at.

create or replace trigger oauth_connections_updated_at
    before update on public.oauth_connections
    for each row execute function public.tg_stamp_updated_at();
