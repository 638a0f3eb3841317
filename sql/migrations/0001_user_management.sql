-- sql/migrations/0001_user_management.sql
-- User management: preferences, encrypted API keys and their audit trail, privacy consents, and GDPR export and deletion requests.

-- user_preferences ----------------------------------------------------------

create table public.user_preferences (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    interface_mode text not null default 'simple'
        constraint user_preferences_interface_mode_check check (interface_mode in ('simple', 'advanced')),
    theme text not null default 'system'
        constraint user_preferences_theme_check check (theme in ('light', 'dark', 'system')),
    language text not null default 'en'
        constraint user_preferences_language_check check (language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    timezone text not null default 'UTC',
    notification_preferences jsonb not null default '{"email": true, "in_app": true, "weekly_report": true}'
        constraint user_preferences_notification_preferences_is_object
        check (jsonb_typeof(notification_preferences) = 'object'),
    dashboard_layout jsonb not null default '{}'
        constraint user_preferences_dashboard_layout_is_object check (jsonb_typeof(dashboard_layout) = 'object'),
    onboarding_completed boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint user_preferences_user_id_key unique (user_id)
);

comment on table public.user_preferences is
    'Settings of one user (1:1), created with the account: interface mode (simple or advanced), theme, language, notifications.';
comment on column public.user_preferences.interface_mode is
    'simple shows the autopilot-first interface, advanced the full campaign tooling.';
comment on column public.user_preferences.timezone is 'IANA time zone name used to display dates, e.g. Europe/Berlin.';

alter table public.user_preferences enable row level security;

-- user_secrets --------------------------------------------------------------

create table public.user_secrets (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    service_name text not null
        constraint user_secrets_service_name_check check (service_name ~ '^[a-z][a-z0-9_]{1,39}$'),
    encrypted_value bytea not null,
    initialization_vector bytea not null
        constraint user_secrets_initialization_vector_check check (octet_length(initialization_vector) in (12, 16)),
    key_hint text
        constraint user_secrets_key_hint_check check (char_length(key_hint) <= 8),
    last_used_at timestamptz,
    expires_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint user_secrets_user_id_service_name_key unique (user_id, service_name)
);

comment on table public.user_secrets is
    'Encrypted third-party API keys (Gemini, OpenAI, ...), one per user and service. Encrypted and decrypted server-side only: users may write but never read the ciphertext.';
comment on column public.user_secrets.service_name is 'Service the key is for, as a slug: openai, google_gemini, anthropic...';
comment on column public.user_secrets.encrypted_value is
    'AES-GCM ciphertext of the key; not selectable by authenticated (column privileges), decrypted by service_role.';
comment on column public.user_secrets.initialization_vector is 'The 12- or 16-byte IV used to encrypt encrypted_value.';
comment on column public.user_secrets.key_hint is 'The last characters of the key, shown so users can tell keys apart.';

alter table public.user_secrets enable row level security;

-- secret_audit_logs ---------------------------------------------------------

create table public.secret_audit_logs (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    secret_id uuid not null,
    service_name text not null,
    operation text not null
        constraint secret_audit_logs_operation_check check (operation in ('created', 'updated', 'deleted', 'accessed')),
    actor_role text not null,
    created_at timestamptz not null default now()
);

comment on table public.secret_audit_logs is
    'Audit trail of every operation on user_secrets (never the secret itself), written by trigger; users read their own.';
comment on column public.secret_audit_logs.secret_id is 'The user_secrets row; kept as a plain id because the secret may be deleted.';
comment on column public.secret_audit_logs.actor_role is 'Who acted: authenticated (the user) or service_role (the server).';

create index secret_audit_logs_user_id_created_at_idx on public.secret_audit_logs (user_id, created_at desc);

alter table public.secret_audit_logs enable row level security;

-- user_privacy_settings -----------------------------------------------------

create table public.user_privacy_settings (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    data_processing_consent boolean not null default false,
    marketing_consent boolean not null default false,
    analytics_consent boolean not null default false,
    third_party_consent boolean not null default false,
    consent_updated_at timestamptz,
    data_retention_days integer not null default 730
        constraint user_privacy_settings_data_retention_days_check check (data_retention_days between 30 and 3650),
    right_to_be_deleted_requested boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint user_privacy_settings_user_id_key unique (user_id)
);

comment on table public.user_privacy_settings is
    'GDPR consents and retention preference of one user (1:1), created with the account; every consent change is audited.';
comment on column public.user_privacy_settings.data_retention_days is 'How long the user''s data is kept after last use (30 to 3650 days).';
comment on column public.user_privacy_settings.right_to_be_deleted_requested is
    'Set when the user files a data deletion request.';

alter table public.user_privacy_settings enable row level security;

-- data_export_requests ------------------------------------------------------

create table public.data_export_requests (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    status text not null default 'pending'
        constraint data_export_requests_status_check
        check (status in ('pending', 'processing', 'completed', 'failed')),
    format text not null default 'json'
        constraint data_export_requests_format_check check (format in ('json')),
    requested_at timestamptz not null default now(),
    completed_at timestamptz,
    download_url text,
    expires_at timestamptz,
    error_message text,
    constraint data_export_requests_completed_check
        check ((status = 'completed') = (completed_at is not null and download_url is not null)),
    constraint data_export_requests_error_message_check check (status = 'failed' or error_message is null)
);

comment on table public.data_export_requests is
    'Right to data portability: a user''s request for an export of all their data, fulfilled by the server.';
comment on column public.data_export_requests.status is 'Lifecycle: pending -> processing -> completed | failed.';
comment on column public.data_export_requests.download_url is 'Signed URL of the export file, set on completion.';

create index data_export_requests_user_id_requested_at_idx on public.data_export_requests (user_id, requested_at desc);
create index data_export_requests_open_idx on public.data_export_requests (requested_at)
    where status in ('pending', 'processing');

alter table public.data_export_requests enable row level security;

-- data_deletion_requests ----------------------------------------------------

create table public.data_deletion_requests (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    status text not null default 'pending'
        constraint data_deletion_requests_status_check
        check (status in ('pending', 'processing', 'completed', 'cancelled')),
    reason text,
    confirmation_required boolean not null default true,
    confirmed_at timestamptz,
    requested_at timestamptz not null default now(),
    completed_at timestamptz,
    constraint data_deletion_requests_completed_at_check check ((status = 'completed') = (completed_at is not null)),
    constraint data_deletion_requests_confirmed_check
        check (status in ('pending', 'cancelled') or not confirmation_required or confirmed_at is not null)
);

comment on table public.data_deletion_requests is
    'Right to be forgotten: a user''s request to delete the account and all its data; completing it deletes the user.';
comment on column public.data_deletion_requests.status is 'Lifecycle: pending -> processing -> completed; pending -> cancelled.';
comment on column public.data_deletion_requests.confirmation_required is
    'When true the request is processed only after the user confirmed it (confirmed_at).';

create index data_deletion_requests_user_id_requested_at_idx
    on public.data_deletion_requests (user_id, requested_at desc);
create index data_deletion_requests_open_idx on public.data_deletion_requests (requested_at)
    where status in ('pending', 'processing');

alter table public.data_deletion_requests enable row level security;
