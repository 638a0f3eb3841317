-- sql/functions/get_autopilot_dashboard_stats.sql

create or replace function public.get_autopilot_dashboard_stats(p_user_id uuid)
returns table (
    autopilot_active boolean,
    monthly_budget numeric(12, 2),
    active_campaigns integer,
    total_leads integer,
    leads_last_7_days integer,
    spend_this_month numeric(12, 2),
    revenue_this_month numeric(12, 2),
    roi_this_month numeric(12, 4),
    budget_remaining numeric(12, 2),
    actions_last_7_days integer,
    last_activity_at timestamptz,
    latest_report_week date
)
language sql
stable
set search_path = ''
as $$
    -- One row of headline figures for the autopilot dashboard. A caller
    -- other than service_role gets a row only for their own id (and RLS
    -- hides other users' rows anyway: the function runs as the caller).
    -- Months and the 7-day window are taken in UTC; the month's spend and
    -- revenue come from campaign_metrics of all the user's campaigns.
    -- budget_remaining is what the monthly budget leaves beyond the
    -- committed budget (autopilot_committed_budget(), the optimiser's cap).
    with month as (
        select date_trunc('month', now() at time zone 'UTC')::date as first_day
    ),
    money as (
        select coalesce(sum(m.spend), 0) as spend,
               coalesce(sum(m.revenue), 0) as revenue
        from public.campaign_metrics as m, month
        where m.created_by = p_user_id
          and m.metric_date >= month.first_day
    )
    select
        coalesce(cfg.is_active, false),
        coalesce(cfg.monthly_budget, 0)::numeric(12,2),
        (select count(*)::integer
         from public.campaigns as c
         where c.created_by = p_user_id and c.auto_managed and c.status = 'active'),
        (select count(*)::integer from public.leads as l where l.created_by = p_user_id),
        (select count(*)::integer
         from public.leads as l
         where l.created_by = p_user_id and l.created_at >= now() - interval '7 days'),
        money.spend::numeric(12,2),
        money.revenue::numeric(12,2),
        case when money.spend > 0
             then round((money.revenue - money.spend) / money.spend, 4)
        end::numeric(12,4),
        greatest(coalesce(cfg.monthly_budget, 0) - public.autopilot_committed_budget(p_user_id), 0)::numeric(12,2),
        (select count(*)::integer
         from public.autopilot_activity_log as a
         where a.user_id = p_user_id
           and a.activity_type not in ('optimization_run', 'report_generated')
           and a.created_at >= now() - interval '7 days'),
        (select max(a.created_at) from public.autopilot_activity_log as a where a.user_id = p_user_id),
        (select max(r.week_start_date) from public.autopilot_weekly_reports as r where r.user_id = p_user_id)
    from money
    left join public.marketing_autopilot_config as cfg on cfg.user_id = p_user_id
    where p_user_id is not null
      and (p_user_id = (select auth.uid())
           or coalesce((select auth.role()), '') = 'service_role')
$$;

comment on function public.get_autopilot_dashboard_stats(uuid) is
    'Headline autopilot figures for a user: active flag and budget, active auto-managed campaigns, leads (all, last 7 days), month-to-date spend, revenue and ROI (UTC month), remaining budget (monthly budget minus autopilot_committed_budget()), autopilot actions in the last 7 days, last activity and latest report week. Returns no row when a non-service caller asks for another user.';

revoke execute on function public.get_autopilot_dashboard_stats(uuid) from public, anon;
grant execute on function public.get_autopilot_dashboard_stats(uuid) to authenticated, service_role;
