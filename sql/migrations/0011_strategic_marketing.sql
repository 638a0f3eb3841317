-- sql/migrations/0011_strategic_marketing.sql
-- Strategic marketing: brand positioning (3Cs), sales funnel designs, competitive gap analyses and KPI tracking frameworks.

-- brand_positioning_analyses ------------------------------------------------

create table public.brand_positioning_analyses (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    brand_name text not null
        constraint brand_positioning_analyses_brand_name_not_blank check (btrim(brand_name) <> ''),
    positioning_statement text,
    differentiators text[] not null default '{}',
    brand_tone jsonb not null default '{}'
        constraint brand_positioning_analyses_brand_tone_is_object check (jsonb_typeof(brand_tone) = 'object'),
    three_cs_analysis jsonb not null
        constraint brand_positioning_analyses_three_cs_check
        check (jsonb_typeof(three_cs_analysis) = 'object'
               and three_cs_analysis ?& array['company', 'customer', 'competition']),
    recommendations jsonb not null default '[]'
        constraint brand_positioning_analyses_recommendations_is_array check (jsonb_typeof(recommendations) = 'array'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint brand_positioning_analyses_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.brand_positioning_analyses is
    'Brand positioning by the 3Cs framework (company, customer, competition), with the resulting statement and recommendations.';
comment on column public.brand_positioning_analyses.three_cs_analysis is
    'Object with the keys company, customer and competition, each the analysis of that C.';
comment on column public.brand_positioning_analyses.brand_tone is 'Voice attributes, e.g. {"formality": "casual", "traits": ["bold"]}.';

create index brand_positioning_analyses_campaign_id_user_id_idx
    on public.brand_positioning_analyses (campaign_id, user_id);
create index brand_positioning_analyses_user_id_created_at_idx
    on public.brand_positioning_analyses (user_id, created_at desc);

alter table public.brand_positioning_analyses enable row level security;

-- funnel_designs ------------------------------------------------------------

create table public.funnel_designs (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    name text not null
        constraint funnel_designs_name_not_blank check (btrim(name) <> ''),
    funnel_structure jsonb not null
        constraint funnel_designs_funnel_structure_check
        check (jsonb_typeof(funnel_structure) = 'object'
               and funnel_structure ?& array['awareness', 'engagement', 'conversion', 'retention']
               and funnel_structure - array['awareness', 'engagement', 'conversion', 'retention'] = '{}'::jsonb
               and jsonb_typeof(funnel_structure -> 'awareness') = 'object'
               and jsonb_typeof(funnel_structure -> 'engagement') = 'object'
               and jsonb_typeof(funnel_structure -> 'conversion') = 'object'
               and jsonb_typeof(funnel_structure -> 'retention') = 'object'),
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint funnel_designs_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.funnel_designs is
    'Sales funnel designs through the four stages Awareness -> Engagement -> Conversion -> Retention.';
comment on column public.funnel_designs.funnel_structure is
    'Exactly the keys awareness, engagement, conversion, retention; each an object such as {"goal": ..., "offers": [...], "automation_tasks": [...]}.';

create index funnel_designs_campaign_id_user_id_idx on public.funnel_designs (campaign_id, user_id);
create index funnel_designs_user_id_created_at_idx on public.funnel_designs (user_id, created_at desc);

alter table public.funnel_designs enable row level security;

-- competitive_gap_analyses --------------------------------------------------

create table public.competitive_gap_analyses (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    our_brand text not null
        constraint competitive_gap_analyses_our_brand_not_blank check (btrim(our_brand) <> ''),
    competitors text[] not null
        constraint competitive_gap_analyses_competitors_check check (cardinality(competitors) >= 1),
    gap_analysis jsonb not null
        constraint competitive_gap_analyses_gap_analysis_check
        check (jsonb_typeof(gap_analysis) = 'object'
               and gap_analysis ?& array['messaging', 'channels', 'audience', 'content']),
    ownable_differentiator text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint competitive_gap_analyses_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.competitive_gap_analyses is
    'Competitive positioning gaps between our brand and its competitors, and the differentiator we can own.';
comment on column public.competitive_gap_analyses.gap_analysis is
    'Object with at least the keys messaging, channels, audience and content: the gaps found in each.';

create index competitive_gap_analyses_campaign_id_user_id_idx on public.competitive_gap_analyses (campaign_id, user_id);
create index competitive_gap_analyses_user_id_created_at_idx
    on public.competitive_gap_analyses (user_id, created_at desc);

alter table public.competitive_gap_analyses enable row level security;

-- performance_tracking_frameworks -------------------------------------------

create table public.performance_tracking_frameworks (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    campaign_name text not null
        constraint performance_tracking_frameworks_campaign_name_not_blank check (btrim(campaign_name) <> ''),
    channels text[] not null default '{}',
    tracking_framework jsonb not null default '{}'
        constraint performance_tracking_frameworks_tracking_framework_is_object
        check (jsonb_typeof(tracking_framework) = 'object'),
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint performance_tracking_frameworks_campaign_fkey foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.performance_tracking_frameworks is
    'KPI tracking setups: which KPIs a campaign is measured by, on which channels, with targets and sources.';
comment on column public.performance_tracking_frameworks.tracking_framework is
    'KPI definitions, e.g. {"kpis": [{"name": "cpl", "target": 20, "source": "ads"}]}.';

create index performance_tracking_frameworks_campaign_id_user_id_idx
    on public.performance_tracking_frameworks (campaign_id, user_id);
create index performance_tracking_frameworks_user_id_active_idx
    on public.performance_tracking_frameworks (user_id, is_active);

alter table public.performance_tracking_frameworks enable row level security;
