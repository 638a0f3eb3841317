-- sql/migrations/0015_constraints_columns_and_comments.sql
-- Stricter checks, three new columns and column comments across campaigns,
-- leads, knowledge, integrations, analytics and strategic marketing. New
-- constraints are added NOT VALID (they hold for every write from now on)
-- and validated by 0017; indexes are built concurrently by 0016.
-- schema_tool: ignore squawk-ban-drop-constraint (each dropped check is added again at once, stricter)
-- schema_tool: ignore squawk-changing-column-type (keyword_research is a small per-user table)
-- schema_tool: ignore squawk-adding-field-with-default (constant defaults: PostgreSQL 11+ adds them without a rewrite)
-- schema_tool: ignore squawk-ban-drop-default (query_hash's default only fills the rows logged before it existed)

-- cost per click with four decimals: ad platforms report fractions of a cent
alter table public.keyword_research
    alter column cpc type numeric(12, 4);

-- searches logged before this column existed carry 64 zeros: their query is unknown
alter table public.knowledge_access_logs
    add column query_hash text not null default repeat('0', 64);

alter table public.knowledge_access_logs
    alter column query_hash drop default;

-- existing activities count 0 until their owner's scoring rules next change
alter table public.lead_activities
    add column score_delta integer not null default 0;

alter table public.social_platform_connections
    add column following_count integer;

-- A 1536-dimension vector takes 6 KB: kept in the row rather than TOASTed,
-- so exact scans read it without detoasting.
alter table public.knowledge_chunks
    alter column embedding set storage plain;

alter table public.competitive_gap_analyses
    drop constraint competitive_gap_analyses_competitors_check;

alter table public.competitive_gap_analyses
    add constraint competitive_gap_analyses_competitors_check
    check (cardinality(competitors) >= 1 and array_position(competitors, null) is null) not valid;

alter table public.performance_tracking_frameworks
    drop constraint performance_tracking_frameworks_tracking_framework_is_object;

alter table public.performance_tracking_frameworks
    add constraint performance_tracking_frameworks_tracking_framework_is_object
    check (jsonb_typeof(tracking_framework) = 'object'
           and (not tracking_framework ? 'kpis' or jsonb_typeof(tracking_framework -> 'kpis') = 'array')) not valid;

alter table public.webhooks
    drop constraint webhooks_events_check;

alter table public.webhooks
    add constraint webhooks_events_check
    check (cardinality(events) >= 1 and array_position(events, null) is null) not valid;

-- a stage's offers and automation tasks, where given, are lists
alter table public.funnel_designs
    add constraint funnel_designs_funnel_stage_lists_check
    check (not jsonb_path_exists(
        funnel_structure,
        '$.* ? ((exists (@.offers) && @.offers.type() != "array")
                || (exists (@.automation_tasks) && @.automation_tasks.type() != "array"))'
    )) not valid;

-- stamped by trigger on publishing; kept when a published piece is archived
alter table public.generated_content_pieces
    add constraint generated_content_pieces_published_at_check
    check (status <> 'published' or published_at is not null) not valid;

alter table public.knowledge_access_logs
    add constraint knowledge_access_logs_query_hash_check
    check (query_hash ~ '^[0-9a-f]{64}$') not valid;

-- converted_at is stamped and cleared by trigger (leads_stamp_converted_at)
alter table public.leads
    add constraint leads_converted_at_check
    check ((status = 'converted') = (converted_at is not null)) not valid;

alter table public.oauth_states
    add constraint oauth_states_used_at_check
    check (used_at >= created_at) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_following_count_check
    check (following_count >= 0) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_times_check
    check (completed_at is null or started_at is null or completed_at >= started_at) not valid;

comment on column public.ai_insights.campaign_id is
    'The campaign the insight is about, if any; the insight is deleted with the campaign.';
comment on column public.ai_insights.confidence is 'The model''s confidence in the insight, 0 to 1.';
comment on column public.ai_insights.data is 'Supporting evidence: figures, affected entities, suggested actions.';
comment on column public.ai_insights.expires_at is 'After this time the insight is stale and no longer shown.';
comment on column public.analytics_reports.campaign_id is
    'The campaign reported on; NULL for account-wide reports (and after the campaign is deleted).';
comment on column public.analytics_reports.data is
    'The report content: figures, series and tables, as the report_type defines.';
comment on column public.analytics_reports.file_url is 'Rendered export (PDF, CSV) in storage, once generated.';
comment on column public.analytics_reports.generated_at is
    'Set by a trigger when the report completes; NULL otherwise.';
comment on column public.analytics_reports.status is
    'Lifecycle: pending -> generating -> completed | failed; failed -> pending to retry, completed -> pending to regenerate.';
comment on column public.brand_positioning_analyses.campaign_id is
    'The campaign this was made for, if any (the same user''s); set to NULL when the campaign is deleted.';
comment on column public.brand_positioning_analyses.differentiators is 'What sets the brand apart, one per element.';
comment on column public.brand_positioning_analyses.recommendations is 'Suggested positioning actions, as a list.';
comment on column public.competitive_gap_analyses.campaign_id is
    'The campaign this was made for, if any (the same user''s); set to NULL when the campaign is deleted.';
comment on column public.competitive_gap_analyses.competitors is
    'Names of the competitors compared against; at least one.';
comment on column public.competitive_gap_analyses.ownable_differentiator is
    'The differentiator no competitor claims that the brand can credibly own.';
comment on column public.funnel_designs.campaign_id is
    'The campaign this was made for, if any (the same user''s); set to NULL when the campaign is deleted.';
comment on column public.funnel_designs.funnel_structure is
    'Exactly the keys awareness, engagement, conversion, retention (their order is fixed, so not stored), each an object such as {"goal": ..., "offers": [...], "automation_tasks": [...]}; offers and automation_tasks must be arrays.';
comment on column public.funnel_designs.is_active is
    'Whether the funnel is the one currently run; inactive designs are kept as drafts or history.';
comment on column public.generated_content_pieces.published_at is
    'When the piece was published; stamped by trigger when status becomes published.';
comment on column public.generated_content_pieces.status is
    'Lifecycle: draft -> approved | rejected; approved -> published | rejected, or back to draft for edits; rejected -> draft (rework); any state -> archived (final).';
comment on column public.keyword_research.cpc is 'Average cost per click in the account currency.';
comment on column public.keyword_research.difficulty is 'Ranking difficulty score, 0 (easy) to 100 (hardest).';
comment on column public.keyword_research.intent is
    'Search intent: informational, navigational, commercial or transactional.';
comment on column public.keyword_research.location is
    'Market the figures are for: a country or region code, or global.';
comment on column public.keyword_research.search_volume is 'Average monthly searches.';
comment on column public.keyword_research.source is 'Tool or API the figures came from.';
comment on column public.knowledge_access_logs.duration_ms is
    'Time the search took inside the database, in milliseconds.';
comment on column public.knowledge_access_logs.query_hash is
    'sha256 (hex) of the query embedding''s text form: groups repeated queries without storing them.';
comment on column public.knowledge_access_logs.result_limit is 'The p_limit of the search.';
comment on column public.knowledge_access_logs.similarity_threshold is
    'The threshold applied (-1 when the caller passed NULL: none).';
comment on column public.knowledge_access_logs.top_similarity is
    'Cosine similarity of the best result; NULL when nothing was found.';
comment on column public.knowledge_documents.status is
    'Chunking lifecycle: pending -> processing -> completed | failed; failed -> pending to retry. completed is final.';
comment on column public.lead_activities.score_delta is
    'Points this activity adds to the lead''s score under the owner''s active scoring rules (negative for penalties); kept by trigger, also when the rules change. The lead''s score is the sum of its activities'' deltas, floored at 0.';
comment on column public.leads.converted_at is
    'When the lead became converted; stamped when status becomes converted, cleared when it leaves it (trigger).';
comment on column public.leads.status is
    'Sales stage: new, contacted, qualified, converted or lost. Not a strict lifecycle: sales teams move leads back and forth (a lost lead is re-engaged, a qualified one drops back to contacted), so every move is allowed.';
comment on column public.oauth_connections.expires_at is
    'When the access token expires; NULL for tokens without expiry.';
comment on column public.oauth_connections.platform_user_id is
    'The account id on the platform that granted the tokens.';
comment on column public.oauth_connections.refresh_token_encrypted is
    'Encrypted refresh token, when the platform issues one; server-side only.';
comment on column public.oauth_connections.scopes is 'Scopes the user granted, as the platform names them.';
comment on column public.oauth_states.expires_at is
    'A state is accepted only before this time (ten minutes after creation by default).';
comment on column public.oauth_states.redirect_uri is
    'Where the provider redirects back; the token exchange must repeat it.';
comment on column public.oauth_states.state is
    'Random state token sent to the provider and checked on the redirect back; unique.';
comment on column public.performance_analytics.entity_id is
    'The campaign, content or e-mail campaign measured (polymorphic, so no foreign key); NULL for the whole account.';
comment on column public.performance_analytics.granularity is
    'Length of the period the row aggregates: day, week or month.';
comment on column public.performance_tracking_frameworks.campaign_id is
    'The campaign this was made for, if any (the same user''s); set to NULL when the campaign is deleted.';
comment on column public.performance_tracking_frameworks.campaign_name is
    'The campaign as named in the framework; kept when the linked campaign is deleted.';
comment on column public.performance_tracking_frameworks.channels is
    'Channels the KPIs are tracked on, e.g. {email,linkedin,google_ads}.';
comment on column public.performance_tracking_frameworks.tracking_framework is
    'KPI definitions, e.g. {"kpis": [{"name": "cpl", "target": 20, "source": "ads"}]}; kpis, when present, is an array.';
comment on column public.real_time_metrics.entity_id is
    'The entity measured (polymorphic by entity_type, so no foreign key).';
comment on column public.real_time_metrics.metric_value is 'The reading at recorded_at.';
comment on column public.real_time_metrics.recorded_at is
    'When the reading was taken (may precede created_at, the insert time).';
comment on column public.social_platform_connections.account_handle is 'The public handle, e.g. @acme.';
comment on column public.social_platform_connections.account_id is 'The account or page id on the platform.';
comment on column public.social_platform_connections.follower_count is 'Followers at the last sync.';
comment on column public.social_platform_connections.following_count is 'Accounts followed at the last sync.';
comment on column public.social_platform_connections.last_synced_at is
    'When counts and metadata were last fetched from the platform.';
comment on column public.social_platform_connections.metadata is
    'Platform-specific profile data (display name, avatar URL, page category...).';
comment on column public.social_platform_connections.oauth_connection_id is
    'The OAuth grant the account is reached through; set to NULL (the row stays) when the grant is deleted.';
comment on column public.webhooks.last_status_code is 'HTTP status of the last delivery attempt.';
comment on column public.webhooks.last_triggered_at is 'When the last delivery was attempted.';
comment on column public.webhooks.url is
    'The receiving endpoint; HTTPS only, so payloads and signatures never travel in clear text.';
comment on column public.workflow_executions.completed_at is
    'When the run ended (completed, failed or cancelled); stamped by trigger, NULL while it is pending or running.';
comment on column public.workflow_executions.started_at is
    'When the run started; stamped by trigger when status becomes running.';
