-- sql/functions/autopilot_campaign_window.sql

create or replace function public.autopilot_campaign_window(
    p_user_id uuid,
    p_from date,
    p_to date
)
returns table (
    campaign_id uuid,
    name text,
    budget numeric(12, 2),
    spend numeric,
    revenue numeric,
    conversions bigint,
    days_with_data integer,
    roi numeric,
    created_at timestamptz
)
language sql
stable
set search_path = ''
as $$
    -- The user's active auto-managed campaigns with their campaign_metrics
    -- summed over metric dates p_from..p_to; roi is NULL without spend.
    select c.id,
           c.name,
           c.budget,
           coalesce(sum(m.spend), 0),
           coalesce(sum(m.revenue), 0),
           coalesce(sum(m.conversions), 0)::bigint,
           count(m.metric_date)::integer,
           case when coalesce(sum(m.spend), 0) > 0
                then round((coalesce(sum(m.revenue), 0) - sum(m.spend)) / sum(m.spend), 4)
           end,
           c.created_at
    from public.campaigns as c
    left join public.campaign_metrics as m
        on m.campaign_id = c.id
       and m.metric_date between p_from and p_to
    where c.created_by = p_user_id
      and c.auto_managed
      and c.status = 'active'
    group by c.id
$$;

comment on function public.autopilot_campaign_window(uuid, date, date) is
    'Internal to the autopilot: a user''s active auto-managed campaigns with spend, revenue, conversions, days with data and ROI summed over a metric-date window.';

revoke execute on function public.autopilot_campaign_window(uuid, date, date) from public, anon, authenticated;
grant execute on function public.autopilot_campaign_window(uuid, date, date) to service_role;
