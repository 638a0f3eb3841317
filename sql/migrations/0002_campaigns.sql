-- sql/migrations/0002_campaigns.sql
-- Campaign management: campaigns and what hangs under them (tasks, metrics, monitoring, predictions, generated content, workflows).

-- campaigns -----------------------------------------------------------------

create table public.campaigns (
    id uuid primary key default gen_random_uuid(),
    created_by uuid not null references auth.users (id) on delete cascade,
    name text not null
        constraint campaigns_name_not_blank check (btrim(name) <> ''),
    description text,
    objective text not null default 'leads'
        constraint campaigns_objective_check
        check (objective in ('awareness', 'traffic', 'engagement', 'leads', 'sales', 'retention')),
    channel text
        constraint campaigns_channel_check
        check (channel in ('email', 'social', 'search', 'display', 'video', 'content', 'events', 'multi')),
    status text not null default 'draft'
        constraint campaigns_status_check
        check (status in ('draft', 'active', 'paused', 'completed', 'archived')),
    auto_managed boolean not null default false,
    budget numeric(12, 2)
        constraint campaigns_budget_check check (budget >= 0),
    spent numeric(12, 2) not null default 0
        constraint campaigns_spent_check check (spent >= 0),
    currency text not null default 'USD'
        constraint campaigns_currency_check check (currency ~ '^[A-Z]{3}$'),
    start_date date,
    end_date date,
    target_audience text,
    metrics jsonb not null default '{}'
        constraint campaigns_metrics_is_object check (jsonb_typeof(metrics) = 'object'),
    demographics jsonb not null default '{}'
        constraint campaigns_demographics_is_object check (jsonb_typeof(demographics) = 'object'),
    kpi_targets jsonb not null default '{}'
        constraint campaigns_kpi_targets_is_object check (jsonb_typeof(kpi_targets) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint campaigns_dates_check check (end_date is null or start_date is null or end_date >= start_date),
    constraint campaigns_created_by_name_key unique (created_by, name),
    -- lets children tie their tenant to this row's tenant
    constraint campaigns_id_created_by_key unique (id, created_by)
);

comment on table public.campaigns is
    'Main campaign hub, one row per marketing campaign of a user. auto_managed = true hands the campaign to the autopilot.';
comment on column public.campaigns.objective is 'What the campaign is for; drives which KPIs matter.';
comment on column public.campaigns.channel is 'Main channel; multi when the campaign spans several.';
comment on column public.campaigns.status is
    'Lifecycle: draft -> active <-> paused -> completed; any state -> archived.';
comment on column public.campaigns.auto_managed is
    'When true, the autopilot may pause the campaign and adjust its budget (see run_autopilot_optimization).';
comment on column public.campaigns.budget is 'Total budget in currency units; NULL while not decided.';
comment on column public.campaigns.spent is 'Amount spent so far, in currency units.';
comment on column public.campaigns.metrics is 'Latest headline numbers, e.g. {"impressions": 1200, "clicks": 80}.';
comment on column public.campaigns.demographics is 'Targeted audience attributes, e.g. {"age": "25-44", "regions": ["EU"]}.';
comment on column public.campaigns.kpi_targets is 'Targets per KPI, e.g. {"leads": 50, "cpl": 20}.';

create index campaigns_created_by_created_at_idx on public.campaigns (created_by, created_at desc);
create index campaigns_created_by_status_idx on public.campaigns (created_by, status);
-- the autopilot's daily scan: active campaigns it manages
create index campaigns_auto_managed_active_idx on public.campaigns (created_by)
    where auto_managed and status = 'active';

alter table public.campaigns enable row level security;

-- campaign_tasks ------------------------------------------------------------

create table public.campaign_tasks (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null,
    created_by uuid not null references auth.users (id) on delete cascade,
    title text not null
        constraint campaign_tasks_title_not_blank check (btrim(title) <> ''),
    description text,
    status text not null default 'todo'
        constraint campaign_tasks_status_check
        check (status in ('todo', 'in_progress', 'completed', 'cancelled')),
    priority text not null default 'medium'
        constraint campaign_tasks_priority_check check (priority in ('low', 'medium', 'high', 'urgent')),
    assigned_to text,
    due_date date,
    completed_at timestamptz,
    sort_order integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint campaign_tasks_completed_at_check check ((status = 'completed') = (completed_at is not null)),
    constraint campaign_tasks_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.campaign_tasks is 'Tasks to do for a campaign (briefs, approvals, launches), with due dates.';
comment on column public.campaign_tasks.assigned_to is 'Free-text assignee (a name or an email); campaigns have one owner.';
comment on column public.campaign_tasks.completed_at is 'Set when the task reaches completed, cleared when it leaves it (trigger).';

create index campaign_tasks_campaign_id_created_by_idx on public.campaign_tasks (campaign_id, created_by);
-- open tasks by due date: the task list's main query
create index campaign_tasks_created_by_due_date_idx on public.campaign_tasks (created_by, due_date)
    where status <> 'completed';

alter table public.campaign_tasks enable row level security;

-- campaign_metrics ----------------------------------------------------------

create table public.campaign_metrics (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null,
    created_by uuid not null references auth.users (id) on delete cascade,
    metric_date date not null,
    impressions bigint not null default 0
        constraint campaign_metrics_impressions_check check (impressions >= 0),
    clicks bigint not null default 0
        constraint campaign_metrics_clicks_check check (clicks >= 0),
    conversions bigint not null default 0
        constraint campaign_metrics_conversions_check check (conversions >= 0),
    leads_generated integer not null default 0
        constraint campaign_metrics_leads_generated_check check (leads_generated >= 0),
    spend numeric(12, 2) not null default 0
        constraint campaign_metrics_spend_check check (spend >= 0),
    revenue numeric(12, 2) not null default 0
        constraint campaign_metrics_revenue_check check (revenue >= 0),
    ctr numeric(9, 6) generated always as (
        case when impressions > 0 then round(clicks::numeric / impressions, 6) end
    ) stored,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint campaign_metrics_campaign_id_metric_date_key unique (campaign_id, metric_date),
    constraint campaign_metrics_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.campaign_metrics is 'Historical performance of a campaign, one row per campaign and day.';
comment on column public.campaign_metrics.ctr is 'Click-through rate, clicks / impressions (NULL without impressions).';

create index campaign_metrics_campaign_id_created_by_idx on public.campaign_metrics (campaign_id, created_by);
create index campaign_metrics_created_by_metric_date_idx on public.campaign_metrics (created_by, metric_date desc);

alter table public.campaign_metrics enable row level security;

-- campaign_performance_metrics ----------------------------------------------

create table public.campaign_performance_metrics (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null,
    created_by uuid not null references auth.users (id) on delete cascade,
    channel text,
    metric_name text not null
        constraint campaign_performance_metrics_metric_name_not_blank check (btrim(metric_name) <> ''),
    metric_value numeric not null,
    unit text,
    dimensions jsonb not null default '{}'
        constraint campaign_performance_metrics_dimensions_is_object check (jsonb_typeof(dimensions) = 'object'),
    recorded_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    constraint campaign_performance_metrics_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.campaign_performance_metrics is
    'Detailed campaign measurements: any named metric per channel and dimension (ad set, creative, region), time-stamped.';
comment on column public.campaign_performance_metrics.dimensions is
    'What the value is broken down by, e.g. {"ad_set": "retargeting", "region": "DE"}.';

create index campaign_performance_metrics_campaign_id_created_by_idx
    on public.campaign_performance_metrics (campaign_id, created_by);
create index campaign_performance_metrics_campaign_metric_idx
    on public.campaign_performance_metrics (campaign_id, metric_name, recorded_at desc);
create index campaign_performance_metrics_created_by_recorded_at_idx
    on public.campaign_performance_metrics (created_by, recorded_at desc);

alter table public.campaign_performance_metrics enable row level security;

-- campaign_performance_monitor ----------------------------------------------

create table public.campaign_performance_monitor (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null,
    created_by uuid not null references auth.users (id) on delete cascade,
    health_status text not null default 'unknown'
        constraint campaign_performance_monitor_health_status_check
        check (health_status in ('unknown', 'healthy', 'warning', 'critical')),
    performance_score numeric(5, 2)
        constraint campaign_performance_monitor_performance_score_check
        check (performance_score between 0 and 100),
    alert_thresholds jsonb not null default '{}'
        constraint campaign_performance_monitor_alert_thresholds_is_object
        check (jsonb_typeof(alert_thresholds) = 'object'),
    optimization_suggestions jsonb not null default '[]'
        constraint campaign_performance_monitor_optimization_suggestions_is_array
        check (jsonb_typeof(optimization_suggestions) = 'array'),
    auto_actions_taken jsonb not null default '[]'
        constraint campaign_performance_monitor_auto_actions_taken_is_array
        check (jsonb_typeof(auto_actions_taken) = 'array'),
    last_checked_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint campaign_performance_monitor_campaign_id_key unique (campaign_id),
    constraint campaign_performance_monitor_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.campaign_performance_monitor is
    'Real-time monitoring of one campaign: health, alert thresholds, and what the autopilot suggested and did.';
comment on column public.campaign_performance_monitor.alert_thresholds is
    'Limits that raise a warning, e.g. {"max_cpl": 40, "min_ctr": 0.01}.';
comment on column public.campaign_performance_monitor.optimization_suggestions is
    'Array of suggestions not acted on automatically, newest last.';
comment on column public.campaign_performance_monitor.auto_actions_taken is
    'Array of actions the autopilot took (pause, budget change), newest last.';

create index campaign_performance_monitor_campaign_id_created_by_idx
    on public.campaign_performance_monitor (campaign_id, created_by);
create index campaign_performance_monitor_created_by_health_idx
    on public.campaign_performance_monitor (created_by, health_status);

alter table public.campaign_performance_monitor enable row level security;

-- campaign_predictions ------------------------------------------------------

create table public.campaign_predictions (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null,
    created_by uuid not null references auth.users (id) on delete cascade,
    prediction_type text not null
        constraint campaign_predictions_prediction_type_check
        check (prediction_type in ('performance', 'budget', 'conversions', 'roi', 'audience_growth')),
    horizon_days integer not null default 30
        constraint campaign_predictions_horizon_days_check check (horizon_days between 1 and 365),
    predicted_values jsonb not null default '{}'
        constraint campaign_predictions_predicted_values_is_object check (jsonb_typeof(predicted_values) = 'object'),
    confidence numeric(4, 3)
        constraint campaign_predictions_confidence_check check (confidence between 0 and 1),
    model_used text,
    actual_values jsonb
        constraint campaign_predictions_actual_values_is_object check (jsonb_typeof(actual_values) = 'object'),
    predicted_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    constraint campaign_predictions_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.campaign_predictions is
    'AI-generated forecasts for a campaign over a horizon, with the confidence and, later, the actual outcome.';
comment on column public.campaign_predictions.predicted_values is 'The forecast, e.g. {"leads": 120, "spend": 900}.';
comment on column public.campaign_predictions.actual_values is 'What happened, filled in after the horizon to measure accuracy.';

create index campaign_predictions_campaign_id_created_by_idx on public.campaign_predictions (campaign_id, created_by);
create index campaign_predictions_created_by_predicted_at_idx
    on public.campaign_predictions (created_by, predicted_at desc);

alter table public.campaign_predictions enable row level security;

-- generated_content_pieces --------------------------------------------------

create table public.generated_content_pieces (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    content_type text not null
        constraint generated_content_pieces_content_type_check
        check (content_type in ('social_post', 'ad_copy', 'email', 'blog_post', 'landing_page',
                                'video_script', 'headline', 'product_description')),
    platform text,
    title text,
    body text not null,
    status text not null default 'draft'
        constraint generated_content_pieces_status_check
        check (status in ('draft', 'approved', 'published', 'rejected', 'archived')),
    ai_model text,
    prompt text,
    metadata jsonb not null default '{}'
        constraint generated_content_pieces_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    published_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint generated_content_pieces_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.generated_content_pieces is
    'AI-generated copy (posts, ads, emails, scripts), optionally for a campaign, with the model and prompt that made it.';
comment on column public.generated_content_pieces.ai_model is 'Model that generated the text, e.g. gpt-5 or claude-sonnet-4.5.';
comment on column public.generated_content_pieces.metadata is 'Generation details: tone, length, token counts, variants.';

create index generated_content_pieces_campaign_id_user_id_idx on public.generated_content_pieces (campaign_id, user_id);
create index generated_content_pieces_user_id_created_at_idx
    on public.generated_content_pieces (user_id, created_at desc);
create index generated_content_pieces_user_id_status_idx on public.generated_content_pieces (user_id, status);

alter table public.generated_content_pieces enable row level security;

-- workflow_executions -------------------------------------------------------

create table public.workflow_executions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    workflow_type text not null
        constraint workflow_executions_workflow_type_check
        check (workflow_type in ('campaign_launch', 'content_generation', 'lead_nurture',
                                 'optimization', 'reporting')),
    status text not null default 'pending'
        constraint workflow_executions_status_check
        check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
    input jsonb not null default '{}'
        constraint workflow_executions_input_is_object check (jsonb_typeof(input) = 'object'),
    steps jsonb not null default '[]'
        constraint workflow_executions_steps_is_array check (jsonb_typeof(steps) = 'array'),
    output jsonb not null default '{}'
        constraint workflow_executions_output_is_object check (jsonb_typeof(output) = 'object'),
    error_message text,
    started_at timestamptz,
    completed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint workflow_executions_completed_at_check
        check ((status in ('completed', 'failed', 'cancelled')) = (completed_at is not null)),
    constraint workflow_executions_error_message_check check (status = 'failed' or error_message is null),
    constraint workflow_executions_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.workflow_executions is
    'One run of a campaign workflow (launch, content generation, nurture...), its steps and outcome.';
comment on column public.workflow_executions.status is
    'Lifecycle: pending -> running -> completed | failed; pending or running -> cancelled.';
comment on column public.workflow_executions.steps is 'Array of step records: [{"name": ..., "status": ..., "at": ...}].';

create index workflow_executions_campaign_id_user_id_idx on public.workflow_executions (campaign_id, user_id);
create index workflow_executions_user_id_created_at_idx on public.workflow_executions (user_id, created_at desc);
-- unfinished runs, for the workers that pick them up
create index workflow_executions_unfinished_idx on public.workflow_executions (status, created_at)
    where status in ('pending', 'running');

alter table public.workflow_executions enable row level security;
