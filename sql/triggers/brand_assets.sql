-- sql/triggers/brand_assets.sql
-- Triggers on public.brand_assets: updated_at.

create or replace trigger brand_assets_updated_at
    before update on public.brand_assets
    for each row execute function public.tg_stamp_updated_at();
