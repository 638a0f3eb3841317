-- sql/migrations/0003_leads.sql
-- Lead management: leads, their activity history, the scoring rules and the autopilot's lead inbox.

-- leads ---------------------------------------------------------------------

create table public.leads (
    id uuid primary key default gen_random_uuid(),
    created_by uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    email text
        constraint leads_email_check check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    first_name text,
    last_name text,
    company text,
    job_title text,
    phone text,
    source text not null default 'manual'
        constraint leads_source_check
        check (source in ('website', 'referral', 'social', 'email', 'ads', 'event', 'import', 'manual', 'autopilot')),
    status text not null default 'new'
        constraint leads_status_check check (status in ('new', 'contacted', 'qualified', 'converted', 'lost')),
    score integer not null default 0
        constraint leads_score_check check (score >= 0),
    tags text[] not null default '{}',
    custom_fields jsonb not null default '{}'
        constraint leads_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
    notes text,
    last_activity_at timestamptz,
    converted_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint leads_identity_check check (email is not null or first_name is not null or last_name is not null
                                           or company is not null),
    -- lets children tie their tenant to this row's tenant
    constraint leads_id_created_by_key unique (id, created_by),
    constraint leads_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete set null (campaign_id)
);

comment on table public.leads is
    'Central lead database: people and companies a user may sell to, with their status and computed score.';
comment on column public.leads.score is
    'Sum of the points the owner''s active lead_scoring_rules give the lead''s activities (floored at 0); kept by trigger.';
comment on column public.leads.custom_fields is 'User-defined attributes, e.g. {"industry": "retail"}.';
comment on column public.leads.last_activity_at is 'When the latest lead_activities row occurred; kept by trigger.';

create index leads_created_by_created_at_idx on public.leads (created_by, created_at desc);
create index leads_created_by_status_idx on public.leads (created_by, status);
create index leads_created_by_score_idx on public.leads (created_by, score desc);
create index leads_campaign_id_created_by_idx on public.leads (campaign_id, created_by);
create unique index leads_created_by_email_key on public.leads (created_by, lower(email)) where email is not null;

alter table public.leads enable row level security;

-- lead_activities -----------------------------------------------------------

create table public.lead_activities (
    id uuid primary key default gen_random_uuid(),
    lead_id uuid not null,
    user_id uuid not null references auth.users (id) on delete cascade,
    activity_type text not null
        constraint lead_activities_activity_type_check
        check (activity_type in ('email_open', 'email_click', 'page_visit', 'form_submit', 'download',
                                 'meeting', 'call', 'reply', 'purchase', 'unsubscribe')),
    activity_data jsonb not null default '{}'
        constraint lead_activities_activity_data_is_object check (jsonb_typeof(activity_data) = 'object'),
    occurred_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    constraint lead_activities_lead_fkey foreign key (lead_id, user_id)
        references public.leads (id, created_by) on delete cascade
);

comment on table public.lead_activities is
    'Interaction history of a lead (email opens and clicks, visits, forms, meetings); each insert rescores the lead.';
comment on column public.lead_activities.activity_data is
    'Details of the interaction, matched by scoring rules'' conditions, e.g. {"page": "/pricing"}.';

create index lead_activities_lead_id_user_id_idx on public.lead_activities (lead_id, user_id);
create index lead_activities_user_id_occurred_at_idx on public.lead_activities (user_id, occurred_at desc);

alter table public.lead_activities enable row level security;

-- lead_scoring_rules --------------------------------------------------------

create table public.lead_scoring_rules (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    rule_name text not null
        constraint lead_scoring_rules_rule_name_not_blank check (btrim(rule_name) <> ''),
    activity_type text not null
        constraint lead_scoring_rules_activity_type_check
        check (activity_type in ('email_open', 'email_click', 'page_visit', 'form_submit', 'download',
                                 'meeting', 'call', 'reply', 'purchase', 'unsubscribe')),
    conditions jsonb not null default '{}'
        constraint lead_scoring_rules_conditions_is_object check (jsonb_typeof(conditions) = 'object'),
    points integer not null
        constraint lead_scoring_rules_points_check check (points between -100 and 100),
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint lead_scoring_rules_user_id_rule_name_key unique (user_id, rule_name)
);

comment on table public.lead_scoring_rules is
    'Automated scoring rules: each activity of the given type whose data contains the conditions earns the points.';
comment on column public.lead_scoring_rules.conditions is
    'JSON the activity_data must contain (jsonb @>), e.g. {"page": "/pricing"}; {} matches every activity of the type.';
comment on column public.lead_scoring_rules.points is 'Points per matching activity; negative for signals such as unsubscribe.';

create index lead_scoring_rules_user_id_activity_type_idx on public.lead_scoring_rules (user_id, activity_type)
    where is_active;

alter table public.lead_scoring_rules enable row level security;

-- autopilot_lead_inbox ------------------------------------------------------

create table public.autopilot_lead_inbox (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    lead_id uuid not null,
    lead_name text,
    lead_email text,
    company text,
    score integer not null default 0,
    lead_status text not null,
    priority text not null default 'normal'
        constraint autopilot_lead_inbox_priority_check check (priority in ('low', 'normal', 'high')),
    is_read boolean not null default false,
    archived_at timestamptz,
    received_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint autopilot_lead_inbox_lead_id_key unique (lead_id),
    constraint autopilot_lead_inbox_lead_fkey foreign key (lead_id, user_id)
        references public.leads (id, created_by) on delete cascade
);

comment on table public.autopilot_lead_inbox is
    'Simplified inbox for autopilot users: one denormalised row per lead, filled by trigger while the autopilot is active.';
comment on column public.autopilot_lead_inbox.lead_name is 'Copy of the lead''s name, refreshed whenever the lead changes.';
comment on column public.autopilot_lead_inbox.priority is 'From the lead''s score: high from 70, normal from 30, low below.';

create index autopilot_lead_inbox_lead_id_user_id_idx on public.autopilot_lead_inbox (lead_id, user_id);
create index autopilot_lead_inbox_user_id_received_at_idx on public.autopilot_lead_inbox (user_id, received_at desc)
    where archived_at is null;

alter table public.autopilot_lead_inbox enable row level security;
