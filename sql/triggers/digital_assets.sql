-- sql/triggers/digital_assets.sql
-- Triggers on public.digital_assets: updated_at.

create or replace trigger digital_assets_updated_at
    before update on public.digital_assets
    for each row execute function public.tg_stamp_updated_at();
