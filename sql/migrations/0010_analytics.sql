-- sql/migrations/0010_analytics.sql
-- Analytics and reporting: performance tracking, generated reports, real-time metrics, AI insights and keyword research.

-- performance_analytics -----------------------------------------------------

create table public.performance_analytics (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    entity_type text not null
        constraint performance_analytics_entity_type_check
        check (entity_type in ('account', 'campaign', 'channel', 'content', 'email_campaign')),
    entity_id uuid,
    granularity text not null default 'day'
        constraint performance_analytics_granularity_check check (granularity in ('day', 'week', 'month')),
    period_start date not null,
    period_end date not null,
    metrics jsonb not null default '{}'
        constraint performance_analytics_metrics_is_object check (jsonb_typeof(metrics) = 'object'),
    created_at timestamptz not null default now(),
    constraint performance_analytics_period_check check (period_end >= period_start),
    constraint performance_analytics_entity_check check ((entity_type = 'account') = (entity_id is null))
);

comment on table public.performance_analytics is
    'User performance tracking: aggregated metrics per entity (the account, a campaign, a channel...) and period.';
comment on column public.performance_analytics.entity_id is 'The campaign, content or e-mail campaign measured; NULL for the whole account.';
comment on column public.performance_analytics.metrics is 'Aggregates for the period, e.g. {"leads": 40, "spend": 300, "roi": 2.1}.';

create index performance_analytics_user_id_period_idx
    on public.performance_analytics (user_id, entity_type, period_start desc);

alter table public.performance_analytics enable row level security;

-- analytics_reports ---------------------------------------------------------

create table public.analytics_reports (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    report_type text not null
        constraint analytics_reports_report_type_check
        check (report_type in ('campaign_performance', 'channel_comparison', 'lead_funnel', 'roi', 'custom')),
    title text not null
        constraint analytics_reports_title_not_blank check (btrim(title) <> ''),
    period_start date not null,
    period_end date not null,
    status text not null default 'pending'
        constraint analytics_reports_status_check check (status in ('pending', 'generating', 'completed', 'failed')),
    data jsonb not null default '{}'
        constraint analytics_reports_data_is_object check (jsonb_typeof(data) = 'object'),
    file_url text,
    error_message text,
    generated_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint analytics_reports_period_check check (period_end >= period_start),
    constraint analytics_reports_generated_at_check check ((status = 'completed') = (generated_at is not null)),
    constraint analytics_reports_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.analytics_reports is 'Generated reports over a period, optionally for one campaign, with their data and file.';
comment on column public.analytics_reports.status is 'Lifecycle: pending -> generating -> completed | failed; failed -> pending to retry.';

create index analytics_reports_campaign_id_user_id_idx on public.analytics_reports (campaign_id, user_id);
create index analytics_reports_user_id_created_at_idx on public.analytics_reports (user_id, created_at desc);

alter table public.analytics_reports enable row level security;

-- real_time_metrics ---------------------------------------------------------

create table public.real_time_metrics (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    entity_type text not null
        constraint real_time_metrics_entity_type_check
        check (entity_type in ('campaign', 'content', 'email_campaign', 'landing_page', 'social_post')),
    entity_id uuid not null,
    metric_name text not null
        constraint real_time_metrics_metric_name_not_blank check (btrim(metric_name) <> ''),
    metric_value numeric not null,
    recorded_at timestamptz not null default now(),
    created_at timestamptz not null default now()
);

comment on table public.real_time_metrics is
    'Real-time entity metrics: time-stamped readings (visitors now, clicks in the last minute) per entity.';

-- the latest reading of a metric of an entity
create index real_time_metrics_latest_idx
    on public.real_time_metrics (user_id, entity_type, entity_id, metric_name, recorded_at desc);

alter table public.real_time_metrics enable row level security;

-- ai_insights ---------------------------------------------------------------

create table public.ai_insights (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    insight_type text not null
        constraint ai_insights_insight_type_check
        check (insight_type in ('opportunity', 'risk', 'trend', 'recommendation', 'anomaly')),
    title text not null
        constraint ai_insights_title_not_blank check (btrim(title) <> ''),
    description text not null,
    confidence numeric(4, 3)
        constraint ai_insights_confidence_check check (confidence between 0 and 1),
    priority text not null default 'medium'
        constraint ai_insights_priority_check check (priority in ('low', 'medium', 'high')),
    status text not null default 'new'
        constraint ai_insights_status_check check (status in ('new', 'viewed', 'acted_on', 'dismissed')),
    data jsonb not null default '{}'
        constraint ai_insights_data_is_object check (jsonb_typeof(data) = 'object'),
    expires_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ai_insights_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.ai_insights is 'AI-generated insights (opportunities, risks, trends) for a user or one of their campaigns.';
comment on column public.ai_insights.status is 'Lifecycle: new -> viewed -> acted_on | dismissed; new -> acted_on | dismissed.';

create index ai_insights_campaign_id_user_id_idx on public.ai_insights (campaign_id, user_id);
create index ai_insights_user_id_unread_idx on public.ai_insights (user_id, priority, created_at desc)
    where status = 'new';

alter table public.ai_insights enable row level security;

-- keyword_research ----------------------------------------------------------

create table public.keyword_research (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    keyword text not null
        constraint keyword_research_keyword_check check (keyword = lower(btrim(keyword)) and keyword <> ''),
    location text not null default 'global',
    language text not null default 'en',
    search_volume integer
        constraint keyword_research_search_volume_check check (search_volume >= 0),
    difficulty smallint
        constraint keyword_research_difficulty_check check (difficulty between 0 and 100),
    cpc numeric(10, 2)
        constraint keyword_research_cpc_check check (cpc >= 0),
    intent text
        constraint keyword_research_intent_check
        check (intent in ('informational', 'navigational', 'commercial', 'transactional')),
    trend jsonb not null default '[]'
        constraint keyword_research_trend_is_array check (jsonb_typeof(trend) = 'array'),
    related_keywords text[] not null default '{}',
    source text,
    researched_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint keyword_research_user_id_keyword_location_language_key unique (user_id, keyword, location, language)
);

comment on table public.keyword_research is
    'Keyword research results per user, keyword, location and language: volume, difficulty, cost per click, intent.';
comment on column public.keyword_research.keyword is 'The keyword, lower-case and trimmed so that duplicates are caught.';
comment on column public.keyword_research.trend is 'Monthly search volumes, oldest first: [{"month": "2025-09", "volume": 880}, ...].';

alter table public.keyword_research enable row level security;
