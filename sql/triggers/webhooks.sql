-- sql/triggers/webhooks.sql
-- Triggers on public.webhooks: updated_at.

create or replace trigger webhooks_updated_at
    before update on public.webhooks
    for each row execute function public.tg_stamp_updated_at();
