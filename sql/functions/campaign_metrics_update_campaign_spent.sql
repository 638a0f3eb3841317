-- sql/functions/campaign_metrics_update_campaign_spent.sql

create or replace function public.campaign_metrics_update_campaign_spent()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- campaigns.spent is the sum of the campaign's campaign_metrics.spend. It
-- moves by deltas, which stay exact under concurrent writers (each update
-- re-reads the locked campaign row). SECURITY DEFINER: spent is
-- server-kept, not granted to authenticated; it touches only the metric's
-- campaign, whose owner the composite foreign key ties to the metric's.
begin
    if tg_op <> 'INSERT' then
        update public.campaigns as c
        set spent = c.spent - old.spend
        where c.id = old.campaign_id
          and c.created_by = old.created_by
          and old.spend <> 0;
    end if;
    if tg_op <> 'DELETE' then
        update public.campaigns as c
        set spent = c.spent + new.spend
        where c.id = new.campaign_id
          and c.created_by = new.created_by
          and new.spend <> 0;
    end if;
    return null;
end
$$;

comment on function public.campaign_metrics_update_campaign_spent() is
    'AFTER INSERT OR UPDATE OR DELETE trigger on campaign_metrics: keeps campaigns.spent equal to the sum of the campaign''s metrics'' spend.';

revoke execute on function public.campaign_metrics_update_campaign_spent() from public, anon, authenticated;
