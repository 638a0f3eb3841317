-- sql/triggers/integration_connections.sql
-- Triggers on public.integration_connections: updated_at.

create or replace trigger integration_connections_updated_at
    before update on public.integration_connections
    for each row execute function public.tg_stamp_updated_at();
