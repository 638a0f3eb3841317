-- sql/functions/run_autopilot_optimization.sql

create or replace function public.run_autopilot_optimization(
    p_user_id uuid,
    p_trigger text default 'manual'
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
-- The daily optimisation of one user's auto-managed campaigns. Rules, over
-- the last 7 complete UTC days (today excluded) of public.campaign_metrics,
-- for campaigns with auto_managed and status 'active', applied in this order:
--   1. pause: metrics on at least 3 of those days, spend > 0 and zero
--      conversions -> status 'paused';
--   2. scale: ROI = (revenue - spend) / spend > 2 and budget > 0 -> budget
--      raised 20 %, but capped so that the committed budget (the summed
--      budgets of the user's active auto-managed campaigns,
--      autopilot_committed_budget()) stays within marketing_autopilot_config.
--      monthly_budget (best ROI served first); at most one raise per campaign
--      per UTC day; when the cap leaves no room, a 'budget_cap_reached'
--      suggestion instead;
--   3. review: ROI < 0 with conversions -> a 'review_targeting' suggestion.
-- Every action is written to autopilot_activity_log and to the campaign's
-- campaign_performance_monitor.auto_actions_taken; suggestions go to
-- optimization_suggestions (at most one per rule, campaign and day) and the
-- log. The run itself is logged as 'optimization_run'. Returns a summary.
declare
    c_window_days constant integer := 7;
    c_min_days_with_data constant integer := 3;
    c_raise_factor constant numeric := 1.20;
    c_roi_scale_threshold constant numeric := 2;
    v_today date := (now() at time zone 'UTC')::date;
    v_from date := v_today - c_window_days;
    v_to date := v_today - 1;
    v_config public.marketing_autopilot_config;
    v_committed numeric;
    v_new_budget numeric;
    v_checked integer := 0;
    v_paused integer := 0;
    v_raised integer := 0;
    v_suggested integer := 0;
    v_entry jsonb;
    v_summary jsonb;
    r record;
begin
    if p_trigger is null or p_trigger not in ('manual', 'scheduled') then
        raise exception 'p_trigger must be manual or scheduled, not %', coalesce(p_trigger, 'NULL')
            using errcode = 'invalid_parameter_value';
    end if;
    -- One run per user at a time: a second run (the cron batch and a manual
    -- trigger, or two triggers) waits here until the first commits, then
    -- sees its log and budgets, so no campaign is raised twice in a day. A
    -- transaction-level lock, keyed on the user in the two-key space (never
    -- the single-key space of schema_tool up's lock); released at commit.
    perform pg_advisory_xact_lock(hashtext('public.run_autopilot_optimization'), hashtext(p_user_id::text));

    select cfg.* into v_config
    from public.marketing_autopilot_config as cfg
    where cfg.user_id = p_user_id;
    if not found then
        raise exception 'user % has no autopilot configuration', p_user_id
            using errcode = 'no_data_found',
                  hint = 'Create the marketing_autopilot_config row first.';
    end if;
    if not v_config.is_active then
        raise exception 'the autopilot is not active for user %', p_user_id
            using errcode = 'object_not_in_prerequisite_state',
                  hint = 'Set marketing_autopilot_config.is_active to true.';
    end if;

    select count(*) into v_checked
    from public.autopilot_campaign_window(p_user_id, v_from, v_to);

    -- rule 1: pause campaigns that spend without converting
    for r in
        select w.* from public.autopilot_campaign_window(p_user_id, v_from, v_to) as w
        where w.days_with_data >= c_min_days_with_data and w.spend > 0 and w.conversions = 0
        order by w.created_at, w.campaign_id
    loop
        update public.campaigns as c set status = 'paused' where c.id = r.campaign_id;
        v_entry := jsonb_build_object(
            'action', 'paused', 'rule', 'no_conversions', 'date', v_today, 'at', now(),
            'spend_7d', r.spend, 'conversions_7d', r.conversions, 'days_with_data', r.days_with_data);
        insert into public.autopilot_activity_log
            (user_id, activity_type, activity_description, entity_type, entity_id, metadata)
        values (p_user_id, 'campaign_paused',
                format('Paused campaign "%s": spent %s over the last %s days without a conversion.',
                       r.name, r.spend, c_window_days),
                'campaign', r.campaign_id, v_entry);
        perform public.autopilot_note_on_monitor(r.campaign_id, p_user_id, v_entry, null);
        v_paused := v_paused + 1;
    end loop;

    -- rule 2: scale the winners within the monthly budget, best ROI first
    -- (campaigns paused by rule 1 are no longer active, so neither listed
    -- below nor counted in the committed budget)
    v_committed := public.autopilot_committed_budget(p_user_id);

    for r in
        select w.* from public.autopilot_campaign_window(p_user_id, v_from, v_to) as w
        where w.roi > c_roi_scale_threshold and coalesce(w.budget, 0) > 0
        order by w.roi desc, w.created_at, w.campaign_id
    loop
        continue when exists (
            select from public.autopilot_activity_log as a
            where a.user_id = p_user_id
              and a.activity_type = 'budget_adjusted'
              and a.entity_id = r.campaign_id
              and (a.created_at at time zone 'UTC')::date = v_today);
        v_new_budget := least(round(r.budget * c_raise_factor, 2),
                              r.budget + greatest(v_config.monthly_budget - v_committed, 0));
        if v_new_budget > r.budget then
            update public.campaigns as c set budget = v_new_budget where c.id = r.campaign_id;
            v_committed := v_committed + (v_new_budget - r.budget);
            v_entry := jsonb_build_object(
                'action', 'budget_increased', 'rule', 'high_roi', 'date', v_today, 'at', now(),
                'old_budget', r.budget, 'new_budget', v_new_budget, 'roi_7d', r.roi,
                'spend_7d', r.spend, 'revenue_7d', r.revenue);
            insert into public.autopilot_activity_log
                (user_id, activity_type, activity_description, entity_type, entity_id, metadata)
            values (p_user_id, 'budget_adjusted',
                    format('Raised the budget of campaign "%s" from %s to %s: ROI %s over the last %s days.',
                           r.name, r.budget, v_new_budget, r.roi, c_window_days),
                    'campaign', r.campaign_id, v_entry);
            perform public.autopilot_note_on_monitor(r.campaign_id, p_user_id, v_entry, null);
            v_raised := v_raised + 1;
        else
            v_entry := jsonb_build_object(
                'suggestion', 'increase_monthly_budget', 'rule', 'budget_cap_reached', 'date', v_today,
                'at', now(), 'roi_7d', r.roi, 'monthly_budget', v_config.monthly_budget,
                'committed_budget', v_committed);
            if public.autopilot_suggest(p_user_id, r.campaign_id,
                    format('Campaign "%s" returns ROI %s but the monthly budget of %s is fully committed.',
                           r.name, r.roi, v_config.monthly_budget), v_entry) then
                v_suggested := v_suggested + 1;
            end if;
        end if;
    end loop;

    -- rule 3: flag campaigns that convert at a loss
    for r in
        select w.* from public.autopilot_campaign_window(p_user_id, v_from, v_to) as w
        where w.roi < 0 and w.conversions > 0
        order by w.created_at, w.campaign_id
    loop
        v_entry := jsonb_build_object(
            'suggestion', 'review_targeting', 'rule', 'negative_roi', 'date', v_today, 'at', now(),
            'roi_7d', r.roi, 'spend_7d', r.spend, 'revenue_7d', r.revenue, 'conversions_7d', r.conversions);
        if public.autopilot_suggest(p_user_id, r.campaign_id,
                format('Campaign "%s" converts at a loss (ROI %s): review its targeting and offer.',
                       r.name, r.roi), v_entry) then
            v_suggested := v_suggested + 1;
        end if;
    end loop;

    v_summary := jsonb_build_object(
        'user_id', p_user_id, 'trigger', p_trigger, 'status', 'succeeded',
        'window_from', v_from, 'window_to', v_to, 'campaigns_checked', v_checked,
        'campaigns_paused', v_paused, 'budgets_raised', v_raised, 'suggestions', v_suggested);
    insert into public.autopilot_activity_log
        (user_id, activity_type, activity_description, entity_type, entity_id, metadata)
    values (p_user_id, 'optimization_run',
            format('Daily optimisation (%s): %s campaigns checked, %s paused, %s budgets raised, %s suggestions.',
                   p_trigger, v_checked, v_paused, v_raised, v_suggested),
            'config', v_config.id, v_summary);
    return v_summary;
end
$$;

comment on function public.run_autopilot_optimization(uuid, text) is
    'Daily autopilot optimisation of one user''s active auto-managed campaigns over the last 7 complete UTC days: pause when spend > 0 and no conversion on >= 3 days of data; raise budget 20 % when ROI > 2, capped by the monthly budget, once a day; suggest a targeting review when ROI < 0. Logs every action and the run; returns a summary. Runs for one user are serialised (transaction-level advisory lock). Worker for the manual trigger and the cron batch: service_role only.';

revoke execute on function public.run_autopilot_optimization(uuid, text) from public, anon, authenticated;
grant execute on function public.run_autopilot_optimization(uuid, text) to service_role;
