-- sql/migrations/0004_content_assets.sql
-- Content and assets: uploaded media, brand identity, reusable content and proposal templates, and the publishing calendar.

-- digital_assets ------------------------------------------------------------

create table public.digital_assets (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    file_name text not null
        constraint digital_assets_file_name_not_blank check (btrim(file_name) <> ''),
    storage_bucket text not null default 'digital-assets',
    storage_path text not null
        constraint digital_assets_storage_path_not_blank check (btrim(storage_path) <> ''),
    mime_type text not null
        constraint digital_assets_mime_type_check
        check (mime_type ~ '^[a-z]+/[a-z0-9][a-z0-9.+_-]*$'),
    asset_type text not null default 'other'
        constraint digital_assets_asset_type_check
        check (asset_type in ('image', 'video', 'audio', 'document', 'other')),
    size_bytes bigint not null
        constraint digital_assets_size_bytes_check check (size_bytes >= 0),
    width_px integer
        constraint digital_assets_width_px_check check (width_px > 0),
    height_px integer
        constraint digital_assets_height_px_check check (height_px > 0),
    duration_seconds numeric(10, 3)
        constraint digital_assets_duration_seconds_check check (duration_seconds >= 0),
    checksum_sha256 text
        constraint digital_assets_checksum_sha256_check check (checksum_sha256 ~ '^[0-9a-f]{64}$'),
    title text,
    alt_text text,
    description text,
    tags text[] not null default '{}',
    source text not null default 'upload'
        constraint digital_assets_source_check
        check (source in ('upload', 'ai_generated', 'stock', 'import')),
    is_archived boolean not null default false,
    metadata jsonb not null default '{}'
        constraint digital_assets_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint digital_assets_storage_bucket_path_key unique (storage_bucket, storage_path),
    -- lets children tie their tenant to this row's tenant
    constraint digital_assets_id_user_id_key unique (id, user_id)
);

comment on table public.digital_assets is
    'Uploaded files and media (images, videos, documents) of a user: the metadata of an object kept in storage.';
comment on column public.digital_assets.storage_bucket is
    'Storage bucket holding the file (storage.buckets.id).';
comment on column public.digital_assets.storage_path is
    'Object path inside the bucket (storage.objects.name); unique per bucket.';
comment on column public.digital_assets.mime_type is
    'Lower-case MIME type, e.g. image/png.';
comment on column public.digital_assets.asset_type is
    'Coarse media kind used for filtering: image, video, audio, document or other.';
comment on column public.digital_assets.size_bytes is
    'File size in bytes.';
comment on column public.digital_assets.duration_seconds is
    'Playback length for audio and video; NULL otherwise.';
comment on column public.digital_assets.checksum_sha256 is
    'Lower-case hex SHA-256 of the file, for de-duplication.';
comment on column public.digital_assets.alt_text is
    'Accessibility text used when the asset is published.';
comment on column public.digital_assets.tags is
    'Free-form labels for search (GIN indexed).';
comment on column public.digital_assets.source is
    'Where the file came from: upload, ai_generated, stock or import.';
comment on column public.digital_assets.metadata is
    'Extra file metadata (EXIF, codec, generator prompt, ...).';

create index digital_assets_user_id_created_at_idx
    on public.digital_assets (user_id, created_at desc);
create index digital_assets_user_id_asset_type_idx
    on public.digital_assets (user_id, asset_type)
    where not is_archived;
create index digital_assets_tags_idx
    on public.digital_assets using gin (tags);

alter table public.digital_assets enable row level security;

-- brand_assets --------------------------------------------------------------

create table public.brand_assets (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    digital_asset_id uuid,
    asset_type text not null
        constraint brand_assets_asset_type_check
        check (asset_type in ('logo', 'color', 'font', 'voice', 'tagline', 'imagery', 'guideline', 'other')),
    name text not null
        constraint brand_assets_name_not_blank check (btrim(name) <> ''),
    description text,
    value jsonb not null default '{}'
        constraint brand_assets_value_is_object check (jsonb_typeof(value) = 'object'),
    is_primary boolean not null default false,
    sort_order integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint brand_assets_color_value_check
        check (asset_type <> 'color' or coalesce((value ->> 'hex') ~ '^#[0-9A-Fa-f]{6}$', false)),
    constraint brand_assets_font_value_check
        check (asset_type <> 'font' or coalesce(btrim(value ->> 'family'), '') <> ''),
    constraint brand_assets_digital_asset_id_fkey
        foreign key (digital_asset_id, user_id)
        references public.digital_assets (id, user_id)
        on delete set null (digital_asset_id)
);

comment on table public.brand_assets is
    'Brand identity elements of a user (logos, colours, fonts, voice) that AI generation must respect.';
comment on column public.brand_assets.digital_asset_id is
    'The file behind a logo or imagery element; must belong to the same user.';
comment on column public.brand_assets.asset_type is
    'logo, color, font, voice, tagline, imagery, guideline or other.';
comment on column public.brand_assets.value is
    'Type-specific definition: color {"hex": "#1A2B3C", "role": "primary"}; font {"family": "Inter", "weights": [400, 700]}; voice {"tone": [...], "do": [...], "dont": [...]}.';
comment on column public.brand_assets.is_primary is
    'The main element of its type (at most one per user and type).';
comment on column public.brand_assets.sort_order is
    'Display order inside a type, ascending.';

create index brand_assets_user_id_asset_type_idx
    on public.brand_assets (user_id, asset_type, sort_order);
create index brand_assets_user_id_created_at_idx
    on public.brand_assets (user_id, created_at desc);
create index brand_assets_digital_asset_id_user_id_idx
    on public.brand_assets (digital_asset_id, user_id);
create unique index brand_assets_one_primary_per_type_idx
    on public.brand_assets (user_id, asset_type)
    where is_primary;

alter table public.brand_assets enable row level security;

-- content_templates ---------------------------------------------------------

create table public.content_templates (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    name text not null
        constraint content_templates_name_not_blank check (btrim(name) <> ''),
    description text,
    content_type text not null default 'post'
        constraint content_templates_content_type_check
        check (content_type in ('post', 'article', 'blog_post', 'video', 'image', 'story', 'reel',
                                'email', 'newsletter', 'ad', 'landing_page', 'podcast', 'other')),
    platform text
        constraint content_templates_platform_check
        check (platform in ('facebook', 'instagram', 'x', 'linkedin', 'tiktok', 'youtube',
                            'pinterest', 'threads', 'blog', 'email', 'website', 'other')),
    category text,
    body text not null,
    variables jsonb not null default '[]'
        constraint content_templates_variables_is_array check (jsonb_typeof(variables) = 'array'),
    tone text,
    is_ai_generated boolean not null default false,
    is_archived boolean not null default false,
    usage_count integer not null default 0
        constraint content_templates_usage_count_check check (usage_count >= 0),
    last_used_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint content_templates_user_id_name_key unique (user_id, name),
    -- lets children tie their tenant to this row's tenant
    constraint content_templates_id_user_id_key unique (id, user_id)
);

comment on table public.content_templates is
    'Reusable content templates of a user, with {{placeholders}} filled in when content is generated.';
comment on column public.content_templates.content_type is
    'Kind of content the template produces (post, article, video script, email, ...).';
comment on column public.content_templates.platform is
    'Platform the template is written for; NULL when platform-neutral.';
comment on column public.content_templates.body is
    'Template text with {{variable}} placeholders.';
comment on column public.content_templates.variables is
    'Placeholder definitions: array of {"name", "description", "default", "required"}.';
comment on column public.content_templates.tone is
    'Intended voice, e.g. playful, authoritative.';
comment on column public.content_templates.usage_count is
    'How many pieces of content were produced from the template.';

create index content_templates_user_id_content_type_idx
    on public.content_templates (user_id, content_type)
    where not is_archived;
create index content_templates_user_id_created_at_idx
    on public.content_templates (user_id, created_at desc);

alter table public.content_templates enable row level security;

-- proposal_templates --------------------------------------------------------

create table public.proposal_templates (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    name text not null
        constraint proposal_templates_name_not_blank check (btrim(name) <> ''),
    description text,
    industry text,
    service_type text,
    sections jsonb not null default '[]'
        constraint proposal_templates_sections_is_array check (jsonb_typeof(sections) = 'array'),
    pricing jsonb not null default '{}'
        constraint proposal_templates_pricing_is_object check (jsonb_typeof(pricing) = 'object'),
    terms text,
    currency text not null default 'USD'
        constraint proposal_templates_currency_check check (currency ~ '^[A-Z]{3}$'),
    validity_days integer not null default 30
        constraint proposal_templates_validity_days_check check (validity_days between 1 and 365),
    is_default boolean not null default false,
    is_archived boolean not null default false,
    usage_count integer not null default 0
        constraint proposal_templates_usage_count_check check (usage_count >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint proposal_templates_user_id_name_key unique (user_id, name)
);

comment on table public.proposal_templates is
    'Sales proposal templates of a user: ordered sections, pricing and terms to generate client proposals from.';
comment on column public.proposal_templates.industry is
    'Target client industry the template is tailored to.';
comment on column public.proposal_templates.service_type is
    'Service the proposal sells, e.g. seo, paid_social, retainer.';
comment on column public.proposal_templates.sections is
    'Ordered array of sections: {"key", "title", "body", "required"}; body may hold {{placeholders}}.';
comment on column public.proposal_templates.pricing is
    'Default pricing model: {"model": "fixed|hourly|retainer", "items": [{"name", "amount"}]}.';
comment on column public.proposal_templates.currency is
    'ISO 4217 currency code for pricing.';
comment on column public.proposal_templates.validity_days is
    'Days a generated proposal stays valid.';
comment on column public.proposal_templates.is_default is
    'The template pre-selected for new proposals (at most one per user).';

create index proposal_templates_user_id_created_at_idx
    on public.proposal_templates (user_id, created_at desc);
create unique index proposal_templates_one_default_per_user_idx
    on public.proposal_templates (user_id)
    where is_default;

alter table public.proposal_templates enable row level security;

-- content_calendar ----------------------------------------------------------

create table public.content_calendar (
    id uuid primary key default gen_random_uuid(),
    created_by uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    template_id uuid,
    title text not null
        constraint content_calendar_title_not_blank check (btrim(title) <> ''),
    description text,
    content text,
    content_type text not null default 'post'
        constraint content_calendar_content_type_check
        check (content_type in ('post', 'article', 'blog_post', 'video', 'image', 'story', 'reel',
                                'email', 'newsletter', 'ad', 'landing_page', 'podcast', 'other')),
    platform text not null
        constraint content_calendar_platform_check
        check (platform in ('facebook', 'instagram', 'x', 'linkedin', 'tiktok', 'youtube',
                            'pinterest', 'threads', 'blog', 'email', 'website', 'other')),
    status text not null default 'draft'
        constraint content_calendar_status_check
        check (status in ('draft', 'scheduled', 'published', 'failed', 'cancelled')),
    scheduled_at timestamptz,
    published_at timestamptz,
    hashtags text[] not null default '{}',
    media_urls text[] not null default '{}',
    external_post_id text,
    external_url text,
    failure_reason text,
    is_ai_generated boolean not null default false,
    engagement jsonb not null default '{}'
        constraint content_calendar_engagement_is_object check (jsonb_typeof(engagement) = 'object'),
    metadata jsonb not null default '{}'
        constraint content_calendar_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint content_calendar_scheduled_needs_time
        check (status <> 'scheduled' or scheduled_at is not null),
    constraint content_calendar_published_needs_time
        check (status <> 'published' or published_at is not null),
    constraint content_calendar_campaign_id_fkey
        foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by)
        on delete set null (campaign_id),
    constraint content_calendar_template_id_fkey
        foreign key (template_id, created_by)
        references public.content_templates (id, user_id)
        on delete set null (template_id)
);

comment on table public.content_calendar is
    'Publishing schedule: one planned piece of content on one platform, from draft to published.';
comment on column public.content_calendar.created_by is
    'Owner (tenant) of the entry.';
comment on column public.content_calendar.campaign_id is
    'Campaign the content belongs to, if any; must be the same user''s campaign. Set to NULL when the campaign is deleted.';
comment on column public.content_calendar.template_id is
    'Content template the entry was produced from, if any; same user.';
comment on column public.content_calendar.content is
    'The body/caption to publish.';
comment on column public.content_calendar.status is
    'Lifecycle: draft -> scheduled -> published | failed; draft -> published (publish now); failed -> scheduled (retry); scheduled/failed -> draft; draft/scheduled/failed -> cancelled. published and cancelled are final. Enforced by trigger.';
comment on column public.content_calendar.scheduled_at is
    'When the content is due to go out; required while scheduled.';
comment on column public.content_calendar.published_at is
    'When it actually went out; stamped by trigger on publishing when not given.';
comment on column public.content_calendar.media_urls is
    'URLs (or storage paths) of the media attached to the post.';
comment on column public.content_calendar.external_post_id is
    'The platform''s id of the published post.';
comment on column public.content_calendar.failure_reason is
    'Why the last publishing attempt failed.';
comment on column public.content_calendar.engagement is
    'Latest engagement counters fetched from the platform: {"likes", "comments", "shares", "impressions"}.';

create index content_calendar_created_by_created_at_idx
    on public.content_calendar (created_by, created_at desc);
create index content_calendar_created_by_status_scheduled_at_idx
    on public.content_calendar (created_by, status, scheduled_at);
create index content_calendar_created_by_scheduled_at_idx
    on public.content_calendar (created_by, scheduled_at)
    where scheduled_at is not null;
-- the publisher's queue: what is due, across users
create index content_calendar_due_idx
    on public.content_calendar (scheduled_at)
    where status = 'scheduled';
create index content_calendar_campaign_id_created_by_idx
    on public.content_calendar (campaign_id, created_by);
create index content_calendar_template_id_created_by_idx
    on public.content_calendar (template_id, created_by);

alter table public.content_calendar enable row level security;
