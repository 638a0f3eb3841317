-- sql/functions/generate_autopilot_weekly_report.sql

create or replace function public.generate_autopilot_weekly_report(
    p_user_id uuid,
    p_week_start date default null,
    p_trigger text default 'manual'
)
returns public.autopilot_weekly_reports
language plpgsql
volatile
set search_path = ''
as $$
-- Computes one user's report for the ISO week starting p_week_start (a
-- Monday; default: the last complete week, UTC) from the real tables and
-- upserts it, so re-running updates the same row:
--   total_leads_generated  leads created_by the user with created_at in the week;
--   total_spend / revenue  campaign_metrics of the user's campaigns, metric_date in the week;
--   roi                    (revenue - spend) / spend, NULL without spend;
--   top_performing_channel the campaigns.channel with the most of the week's
--                          leads (leads.campaign_id), then the most revenue,
--                          then alphabetical; NULL when no channel has either.
-- ai_insights holds the previous week's figures, changes, the per-channel
-- breakdown and the autopilot actions of the week. Logged as report_generated.
declare
    v_week_start date := coalesce(
        p_week_start,
        (now() at time zone 'UTC')::date - extract(isodow from (now() at time zone 'UTC'))::integer - 6
    );
    v_from timestamptz;
    v_to timestamptz;
    v_leads integer;
    v_spend numeric;
    v_revenue numeric;
    v_roi numeric;
    v_prev_leads integer;
    v_prev_spend numeric;
    v_prev_revenue numeric;
    v_top text;
    v_channels jsonb;
    v_actions integer;
    v_highlights jsonb := '[]';
    v_insights jsonb;
    v_report public.autopilot_weekly_reports;
begin
    if p_trigger is null or p_trigger not in ('manual', 'scheduled') then
        raise exception 'p_trigger must be manual or scheduled, not %', coalesce(p_trigger, 'NULL')
            using errcode = 'invalid_parameter_value';
    end if;
    if extract(isodow from v_week_start) <> 1 then
        raise exception 'a report week starts on a Monday; % is not one', v_week_start
            using errcode = 'invalid_parameter_value',
                  hint = format('The Monday of that week is %s.',
                                v_week_start - (extract(isodow from v_week_start)::integer - 1));
    end if;
    if not exists (select from public.marketing_autopilot_config as cfg where cfg.user_id = p_user_id) then
        raise exception 'user % has no autopilot configuration', p_user_id
            using errcode = 'no_data_found',
                  hint = 'Create the marketing_autopilot_config row first.';
    end if;
    v_from := v_week_start::timestamp at time zone 'UTC';
    v_to := (v_week_start + 7)::timestamp at time zone 'UTC';

    select count(*) into v_leads
    from public.leads as l
    where l.created_by = p_user_id and l.created_at >= v_from and l.created_at < v_to;

    select coalesce(sum(m.spend), 0), coalesce(sum(m.revenue), 0) into v_spend, v_revenue
    from public.campaign_metrics as m
    where m.created_by = p_user_id and m.metric_date between v_week_start and v_week_start + 6;

    v_roi := case when v_spend > 0 then round((v_revenue - v_spend) / v_spend, 4) end;

    select count(*) into v_prev_leads
    from public.leads as l
    where l.created_by = p_user_id
      and l.created_at >= v_from - interval '7 days' and l.created_at < v_from;

    select coalesce(sum(m.spend), 0), coalesce(sum(m.revenue), 0) into v_prev_spend, v_prev_revenue
    from public.campaign_metrics as m
    where m.created_by = p_user_id and m.metric_date between v_week_start - 7 and v_week_start - 1;

    with lead_counts as (
        select c.channel, count(*) as leads
        from public.leads as l
        join public.campaigns as c on c.id = l.campaign_id
        where l.created_by = p_user_id and l.created_at >= v_from and l.created_at < v_to
          and c.channel is not null
        group by c.channel
    ),
    money as (
        select c.channel, sum(m.spend) as spend, sum(m.revenue) as revenue
        from public.campaign_metrics as m
        join public.campaigns as c on c.id = m.campaign_id
        where m.created_by = p_user_id and m.metric_date between v_week_start and v_week_start + 6
          and c.channel is not null
        group by c.channel
    ),
    channels as (
        select coalesce(lc.channel, mo.channel) as channel,
               coalesce(lc.leads, 0) as leads,
               coalesce(mo.spend, 0) as spend,
               coalesce(mo.revenue, 0) as revenue
        from lead_counts as lc
        full join money as mo on mo.channel = lc.channel
    )
    select
        coalesce(jsonb_agg(jsonb_build_object('channel', ch.channel, 'leads', ch.leads,
                                              'spend', ch.spend, 'revenue', ch.revenue)
                           order by ch.leads desc, ch.revenue desc, ch.channel), '[]'),
        (array_agg(ch.channel order by ch.leads desc, ch.revenue desc, ch.channel)
            filter (where ch.leads > 0 or ch.revenue > 0))[1]
    into v_channels, v_top
    from channels as ch;

    select count(*) into v_actions
    from public.autopilot_activity_log as a
    where a.user_id = p_user_id
      and a.activity_type in ('campaign_created', 'campaign_paused', 'campaign_resumed', 'budget_adjusted',
                              'content_generated', 'video_generated')
      and a.created_at >= v_from and a.created_at < v_to;

    v_highlights := v_highlights || jsonb_build_array(
        case
            when v_prev_leads = 0 then format('%s leads this week.', v_leads)
            when v_leads >= v_prev_leads then format('%s leads this week, up %s %% on the week before.',
                v_leads, round(100.0 * (v_leads - v_prev_leads) / v_prev_leads, 1))
            else format('%s leads this week, down %s %% on the week before.',
                v_leads, round(100.0 * (v_prev_leads - v_leads) / v_prev_leads, 1))
        end);
    if v_top is not null then
        v_highlights := v_highlights || jsonb_build_array(format('Top channel: %s.', v_top));
    end if;
    if v_roi is not null then
        v_highlights := v_highlights || jsonb_build_array(
            format('Spent %s for %s revenue: ROI %s.', v_spend, v_revenue, v_roi));
    end if;

    v_insights := jsonb_build_object(
        'week_end_date', v_week_start + 6,
        'previous_week', jsonb_build_object('leads', v_prev_leads, 'spend', v_prev_spend,
                                            'revenue', v_prev_revenue),
        'leads_change_pct', case when v_prev_leads > 0
                                 then round(100.0 * (v_leads - v_prev_leads) / v_prev_leads, 1) end,
        'channels', v_channels,
        'autopilot_actions', v_actions,
        'highlights', v_highlights);

    insert into public.autopilot_weekly_reports as r
        (user_id, week_start_date, total_leads_generated, total_spend, total_revenue, roi,
         top_performing_channel, ai_insights, generated_at)
    values (p_user_id, v_week_start, v_leads, v_spend, v_revenue, v_roi, v_top, v_insights, now())
    on conflict on constraint autopilot_weekly_reports_user_id_week_start_date_key do update
    set total_leads_generated = excluded.total_leads_generated,
        total_spend = excluded.total_spend,
        total_revenue = excluded.total_revenue,
        roi = excluded.roi,
        top_performing_channel = excluded.top_performing_channel,
        ai_insights = excluded.ai_insights,
        generated_at = excluded.generated_at
    returning r.* into v_report;

    insert into public.autopilot_activity_log
        (user_id, activity_type, activity_description, entity_type, entity_id, metadata)
    values (p_user_id, 'report_generated',
            format('Weekly report for the week of %s (%s): %s leads, spend %s, revenue %s.',
                   v_week_start, p_trigger, v_leads, v_spend, v_revenue),
            'report', v_report.id,
            jsonb_build_object('trigger', p_trigger, 'status', 'succeeded', 'week_start_date', v_week_start,
                               'total_leads_generated', v_leads, 'total_spend', v_spend,
                               'total_revenue', v_revenue, 'roi', v_roi));
    return v_report;
end
$$;

comment on function public.generate_autopilot_weekly_report(uuid, date, text) is
    'Computes and upserts one user''s autopilot weekly report for the week starting p_week_start (a Monday; default the last complete UTC week) from leads and campaign_metrics: leads, spend, revenue, ROI, top channel and insights. Idempotent per user and week. Worker for the manual trigger and the cron batch: service_role only.';

revoke execute on function public.generate_autopilot_weekly_report(uuid, date, text) from public, anon, authenticated;
grant execute on function public.generate_autopilot_weekly_report(uuid, date, text) to service_role;
