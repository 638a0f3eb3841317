-- sql/triggers/campaign_metrics.sql
-- Triggers on public.campaign_metrics: campaigns.spent and updated_at.

-- campaigns.spent follows the spend recorded in campaign_metrics.
create or replace trigger campaign_metrics_update_campaign_spent
    after insert or update of campaign_id, created_by, spend or delete on public.campaign_metrics
    for each row execute function public.campaign_metrics_update_campaign_spent();

create or replace trigger campaign_metrics_updated_at
    before update on public.campaign_metrics
    for each row execute function public.tg_stamp_updated_at();
