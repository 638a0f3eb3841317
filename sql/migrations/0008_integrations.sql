-- sql/migrations/0008_integrations.sql
-- Integrations and connections: outgoing webhooks, third-party service connections, social OAuth tokens and states, connected social accounts.

-- webhooks ------------------------------------------------------------------

create table public.webhooks (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    name text not null
        constraint webhooks_name_not_blank check (btrim(name) <> ''),
    url text not null
        constraint webhooks_url_check check (url ~ '^https://[^[:space:]]+$'),
    events text[] not null
        constraint webhooks_events_check check (cardinality(events) >= 1),
    secret_encrypted bytea,
    is_active boolean not null default true,
    failure_count integer not null default 0
        constraint webhooks_failure_count_check check (failure_count >= 0),
    last_status_code integer
        constraint webhooks_last_status_code_check check (last_status_code between 100 and 599),
    last_triggered_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

comment on table public.webhooks is
    'Outgoing webhooks: HTTPS endpoints a user registers to receive platform events (lead.created, campaign.completed...).';
comment on column public.webhooks.events is 'Event names delivered to the endpoint, e.g. {lead.created,campaign.completed}.';
comment on column public.webhooks.secret_encrypted is
    'Encrypted signing secret for the X-Signature header; not selectable by authenticated.';
comment on column public.webhooks.failure_count is 'Consecutive failed deliveries; the sender disables the hook after too many.';

create index webhooks_user_id_created_at_idx on public.webhooks (user_id, created_at desc);

alter table public.webhooks enable row level security;

-- integration_connections ---------------------------------------------------

create table public.integration_connections (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    provider text not null
        constraint integration_connections_provider_check
        check (provider in ('hubspot', 'salesforce', 'mailchimp', 'google_analytics', 'shopify', 'zapier',
                            'slack', 'stripe')),
    status text not null default 'pending'
        constraint integration_connections_status_check
        check (status in ('pending', 'connected', 'error', 'disconnected')),
    config jsonb not null default '{}'
        constraint integration_connections_config_is_object check (jsonb_typeof(config) = 'object'),
    credentials_encrypted bytea,
    last_synced_at timestamptz,
    error_message text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint integration_connections_user_id_provider_key unique (user_id, provider)
);

comment on table public.integration_connections is
    'Connections to third-party services (CRM, e-mail, analytics, shop), one per user and provider.';
comment on column public.integration_connections.config is 'Non-secret settings: account ids, sync options, field mappings.';
comment on column public.integration_connections.credentials_encrypted is
    'Encrypted API credentials; not selectable by authenticated, used server-side only.';

create index integration_connections_user_id_status_idx on public.integration_connections (user_id, status);

alter table public.integration_connections enable row level security;

-- oauth_connections ---------------------------------------------------------

create table public.oauth_connections (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    platform_name text not null
        constraint oauth_connections_platform_name_check
        check (platform_name in ('facebook', 'instagram', 'linkedin', 'twitter', 'tiktok', 'youtube', 'google')),
    platform_user_id text,
    access_token_encrypted bytea not null,
    refresh_token_encrypted bytea,
    token_iv bytea not null,
    scopes text[] not null default '{}',
    expires_at timestamptz,
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint oauth_connections_user_id_platform_name_key unique (user_id, platform_name),
    constraint oauth_connections_id_user_id_key unique (id, user_id)
);

comment on table public.oauth_connections is
    'OAuth tokens of social platforms, one per user and platform. Tokens are encrypted and, like user_secrets, unreadable to authenticated.';
comment on column public.oauth_connections.access_token_encrypted is 'Encrypted access token; server-side only.';
comment on column public.oauth_connections.token_iv is 'IV used to encrypt the tokens; server-side only.';

alter table public.oauth_connections enable row level security;

-- oauth_states --------------------------------------------------------------

create table public.oauth_states (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    platform_name text not null
        constraint oauth_states_platform_name_check
        check (platform_name in ('facebook', 'instagram', 'linkedin', 'twitter', 'tiktok', 'youtube', 'google')),
    state text not null
        constraint oauth_states_state_check check (char_length(state) >= 32),
    redirect_uri text not null,
    code_verifier text,
    expires_at timestamptz not null default now() + interval '10 minutes',
    used_at timestamptz,
    created_at timestamptz not null default now(),
    constraint oauth_states_state_key unique (state),
    constraint oauth_states_expiry_check check (expires_at > created_at)
);

comment on table public.oauth_states is
    'OAuth CSRF states: single-use and expiring; consumed by consume_oauth_state() when the provider redirects back.';
comment on column public.oauth_states.code_verifier is 'PKCE verifier for the token exchange; server-side only.';
comment on column public.oauth_states.used_at is 'When the state was consumed; a used state is never accepted again.';

create index oauth_states_user_id_created_at_idx on public.oauth_states (user_id, created_at desc);

alter table public.oauth_states enable row level security;

-- social_platform_connections -----------------------------------------------

create table public.social_platform_connections (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    oauth_connection_id uuid,
    platform text not null
        constraint social_platform_connections_platform_check
        check (platform in ('facebook', 'instagram', 'linkedin', 'twitter', 'tiktok', 'youtube')),
    account_id text not null,
    account_handle text,
    account_type text not null default 'business'
        constraint social_platform_connections_account_type_check
        check (account_type in ('personal', 'business', 'page', 'group')),
    status text not null default 'active'
        constraint social_platform_connections_status_check
        check (status in ('active', 'paused', 'disconnected', 'error')),
    follower_count integer
        constraint social_platform_connections_follower_count_check check (follower_count >= 0),
    last_synced_at timestamptz,
    metadata jsonb not null default '{}'
        constraint social_platform_connections_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint social_platform_connections_user_id_platform_account_id_key unique (user_id, platform, account_id),
    constraint social_platform_connections_oauth_fkey foreign key (oauth_connection_id, user_id)
        references public.oauth_connections (id, user_id) on delete set null (oauth_connection_id)
);

comment on table public.social_platform_connections is
    'Social media accounts and pages a user publishes to, with their sync state and audience size.';
comment on column public.social_platform_connections.oauth_connection_id is 'The OAuth grant the account is reached through.';

create index social_platform_connections_oauth_connection_id_user_id_idx
    on public.social_platform_connections (oauth_connection_id, user_id);

alter table public.social_platform_connections enable row level security;
