-- sql/migrations/0018_server_kept_columns_and_figures.sql
-- Columns the server keeps, and the denormalised figures they hold.
--
-- A column whose comment starts with [server-kept] is written only by a
-- trigger, a function or a worker (service_role): the policies file of its
-- table leaves it out of the insert and update grants of authenticated, and
-- tests/security/test_server_kept_columns.py is generated from these tags.
--
-- The figures are recounted once here from their source rows; the triggers
-- of sql/triggers/ keep them true from then on: chat_sessions.message_count,
-- total_tokens and last_message_at follow chat_messages (insert, update,
-- delete), campaigns.spent follows campaign_metrics and
-- knowledge_documents.chunk_count follows knowledge_chunks.
--
-- Also: storage paths under their owner's folder and finite dates, both
-- added NOT VALID and validated by 0019.

-- Leads and scoring
comment on column public.leads.score is
    '[server-kept] Sum of the points the owner''s active lead_scoring_rules give the lead''s activities (floored at 0); kept by trigger.';
comment on column public.leads.last_activity_at is
    '[server-kept] When the latest lead_activities row occurred; kept by trigger.';
comment on column public.lead_activities.score_delta is
    '[server-kept] Points this activity adds to the lead''s score under the owner''s active scoring rules (negative for penalties); kept by trigger, also when the rules change. The lead''s score is the sum of its activities'' deltas, floored at 0.';

-- Campaigns
comment on column public.campaigns.spent is
    '[server-kept] Amount spent so far, in currency units: the sum of the campaign''s campaign_metrics.spend, kept by trigger.';
comment on column public.campaign_tasks.completed_at is
    '[server-kept] Set when the task reaches completed, cleared when it leaves it (trigger).';
comment on column public.generated_content_pieces.published_at is
    '[server-kept] When the piece was published; stamped by trigger when status becomes published.';
comment on column public.workflow_executions.started_at is
    '[server-kept] When the run started; stamped by trigger when status becomes running.';
comment on column public.workflow_executions.completed_at is
    '[server-kept] When the run ended (completed, failed or cancelled); stamped by trigger, NULL while it is pending or running.';

-- Content and email
comment on column public.content_templates.usage_count is
    '[server-kept] How many pieces of content were produced from the template; counted by the content generator.';
comment on column public.content_templates.last_used_at is
    '[server-kept] When content was last produced from the template; set by the content generator.';
comment on column public.proposal_templates.usage_count is
    '[server-kept] How many proposals were produced from the template; counted by the proposal generator.';
comment on column public.content_calendar.published_at is
    '[server-kept] When it actually went out; stamped by the publisher (or by trigger on publishing).';
comment on column public.content_calendar.external_post_id is
    '[server-kept] The platform''s id of the published post; written by the publisher.';
comment on column public.content_calendar.external_url is
    '[server-kept] The published post''s URL on the platform; written by the publisher.';
comment on column public.content_calendar.failure_reason is
    '[server-kept] Why the last publishing attempt failed; written by the publisher.';
comment on column public.content_calendar.engagement is
    '[server-kept] Latest engagement counters fetched from the platform: {"likes", "comments", "shares", "impressions"}.';
comment on column public.email_campaigns.sending_started_at is
    '[server-kept] When sending began; stamped by trigger.';
comment on column public.email_campaigns.sent_at is
    '[server-kept] When sending completed; stamped by trigger.';
comment on column public.email_campaigns.recipient_count is
    '[server-kept] Contacts the send was addressed to; the *_count columns are delivery statistics from the email provider.';
comment on column public.email_campaigns.delivered_count is
    '[server-kept] Messages the email provider delivered.';
comment on column public.email_campaigns.open_count is
    '[server-kept] Opens reported by the email provider.';
comment on column public.email_campaigns.click_count is
    '[server-kept] Clicks reported by the email provider.';
comment on column public.email_campaigns.bounce_count is
    '[server-kept] Bounces reported by the email provider.';
comment on column public.email_campaigns.unsubscribe_count is
    '[server-kept] Unsubscribes reported by the email provider.';
comment on column public.email_automation_rules.trigger_count is
    '[server-kept] How many times the rule has fired; counted by the automation worker.';
comment on column public.email_automation_rules.last_triggered_at is
    '[server-kept] When the rule last fired; set by the automation worker.';

-- Communication
comment on column public.chat_sessions.message_count is
    '[server-kept] Number of messages; kept by trigger on chat_messages (insert, update, delete).';
comment on column public.chat_sessions.total_tokens is
    '[server-kept] Sum of the messages'' total_tokens; kept by trigger on chat_messages (insert, update, delete).';
comment on column public.chat_sessions.last_message_at is
    '[server-kept] Time of the newest message; kept by trigger on chat_messages (insert, update, delete).';
comment on column public.conversations.last_message_at is
    '[server-kept] Time of the newest message; maintained by trigger on conversation_messages.';
comment on column public.campaign_copilot_sessions.completed_at is
    '[server-kept] When the session was completed; set exactly when status is completed (trigger).';

-- Knowledge
comment on column public.knowledge_documents.status is
    '[server-kept] Chunking lifecycle, moved by the chunking worker: pending -> processing -> completed | failed; failed -> pending to retry. completed is final. A new document starts pending.';
comment on column public.knowledge_documents.chunk_count is
    '[server-kept] Number of the document''s knowledge_chunks; kept by trigger.';
comment on column public.knowledge_documents.error_message is
    '[server-kept] Why chunking failed; written by the chunking worker, cleared on retry.';
comment on column public.knowledge_documents.processed_at is
    '[server-kept] When chunking last completed (trigger).';

-- AI video
comment on column public.ai_video_projects.status is
    '[server-kept] draft -> planning -> generating_images -> generating_video -> completed; any unfinished state -> failed. Moved by the video worker and by its jobs'' results (trigger); a new project starts as draft.';
comment on column public.ai_video_projects.video_url is
    '[server-kept] URL of the finished video (the video job''s result_url), usually in the ai-videos bucket.';
comment on column public.ai_video_projects.cost_usd is
    '[server-kept] Actual API cost: the sum of the jobs'' cost_usd, refreshed whenever a job finishes.';
comment on column public.ai_video_projects.error_message is
    '[server-kept] Why the project failed (the failing job''s error).';
comment on column public.ai_video_projects.completed_at is
    '[server-kept] When the project completed; set exactly when status is completed.';

-- Analytics
comment on column public.analytics_reports.generated_at is
    '[server-kept] Set by a trigger when the report completes; NULL otherwise.';
comment on column public.analytics_reports.file_url is
    '[server-kept] Rendered export (PDF, CSV) in storage, once generated by the report worker.';
comment on column public.analytics_reports.error_message is
    '[server-kept] Why generation failed; written by the report worker.';

-- Integrations
comment on column public.social_platform_connections.follower_count is
    '[server-kept] Followers at the last sync.';
comment on column public.social_platform_connections.following_count is
    '[server-kept] Accounts followed at the last sync.';
comment on column public.social_platform_connections.last_synced_at is
    '[server-kept] When counts and metadata were last fetched from the platform.';
comment on column public.integration_connections.last_synced_at is
    '[server-kept] When the integration last synchronised; set by the sync worker.';
comment on column public.integration_connections.error_message is
    '[server-kept] Why the last synchronisation failed; set by the sync worker.';
comment on column public.webhooks.failure_count is
    '[server-kept] Consecutive failed deliveries; the sender disables the hook after too many.';
comment on column public.webhooks.last_status_code is
    '[server-kept] HTTP status of the last delivery attempt.';
comment on column public.webhooks.last_triggered_at is
    '[server-kept] When the last delivery was attempted.';
comment on column public.user_secrets.last_used_at is
    '[server-kept] When the secret was last decrypted by read_user_secret().';
comment on column public.oauth_states.used_at is
    '[server-kept] When the state was consumed; a used state is never accepted again.';

-- Privacy and support
comment on column public.data_export_requests.status is
    '[server-kept] Lifecycle: pending -> processing -> completed | failed; moved by the export worker.';
comment on column public.data_export_requests.completed_at is
    '[server-kept] When the export completed (trigger).';
comment on column public.data_export_requests.download_url is
    '[server-kept] Signed URL of the export file, set on completion.';
comment on column public.data_export_requests.expires_at is
    '[server-kept] When the download URL stops working; set on completion.';
comment on column public.data_export_requests.error_message is
    '[server-kept] Why the export failed; written by the export worker.';
comment on column public.data_deletion_requests.completed_at is
    '[server-kept] When the erasure completed (trigger).';
comment on column public.user_privacy_settings.consent_updated_at is
    '[server-kept] When a consent last changed; stamped by trigger.';
comment on column public.user_privacy_settings.right_to_be_deleted_requested is
    '[server-kept] Set when the user files a data deletion request.';
comment on column public.support_tickets.status is
    '[server-kept] Lifecycle: open -> in_progress <-> waiting_on_customer -> resolved -> closed; resolved -> in_progress reopens. Moved by support staff.';
comment on column public.support_tickets.priority is
    '[server-kept] Triage priority, set by support staff.';
comment on column public.support_tickets.resolved_at is
    '[server-kept] When the ticket was resolved (trigger).';

-- The definitions the optimiser and the dashboard share
comment on column public.marketing_autopilot_config.monthly_budget is
    'The monthly budget: a ceiling on the committed budget, the summed campaigns.budget of the user''s active auto-managed campaigns (public.autopilot_committed_budget()). The optimiser never raises a budget beyond it; the dashboard''s budget_remaining is what is left of it.';

-- Rows that one run writes keep the order they were written in.
alter table public.autopilot_activity_log
    alter column created_at set default clock_timestamp();

comment on column public.autopilot_activity_log.created_at is
    'When the entry was written: clock_timestamp(), so the entries of one run (one transaction) keep their order.';

-- Recount the figures once; the triggers keep them from now on.
update public.chat_sessions as s
set message_count = t.messages,
    total_tokens = t.tokens,
    last_message_at = t.newest
from (
    select
        s2.id,
        count(m.id) as messages,
        coalesce(sum(m.total_tokens), 0) as tokens,
        max(m.created_at) as newest
    from public.chat_sessions as s2
    left join public.chat_messages as m on s2.id = m.session_id and s2.user_id = m.user_id
    group by s2.id
) as t
where
    t.id = s.id
    and (s.message_count, s.total_tokens, s.last_message_at)
    is distinct from (t.messages, t.tokens, t.newest);

update public.campaigns as c
set spent = t.spend
from (
    select
        c2.id,
        coalesce(sum(m.spend), 0) as spend
    from public.campaigns as c2
    left join public.campaign_metrics as m on c2.id = m.campaign_id and c2.created_by = m.created_by
    group by c2.id
) as t
where
    t.id = c.id
    and c.spent is distinct from t.spend;

update public.knowledge_documents as d
set chunk_count = t.chunks
from (
    select
        d2.id,
        count(k.id) as chunks
    from public.knowledge_documents as d2
    left join public.knowledge_chunks as k on d2.id = k.document_id
    group by d2.id
) as t
where
    t.id = d.id
    and d.chunk_count is distinct from t.chunks;

-- A path that names a storage object lies under its owner's folder
-- (<user id>/...), so no user registers, probes or claims a path in another
-- user's folder; the unique key on (storage_bucket, storage_path) is then a
-- per-owner key. NOT VALID here (new writes are held to it at once),
-- validated by 0019.
alter table public.digital_assets
    add constraint digital_assets_storage_path_in_owner_folder
    check (split_part(storage_path, '/', 1) = user_id::text) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_storage_path_in_owner_folder
    check (storage_path is null or split_part(storage_path, '/', 1) = user_id::text) not valid;

comment on column public.digital_assets.storage_path is
    'Object path inside storage_bucket, under the owner''s folder: <user id>/... (checked), so it is unique per owner.';
comment on column public.knowledge_documents.storage_path is
    'Path of the uploaded source file in storage, under the owner''s folder: <user id>/... (checked).';

-- A date that takes part in a CHECK is a real day: 'infinity' and
-- '-infinity' would pass the CHECKs (extract(isodow from 'infinity') is
-- NULL) and poison every period computed from them. NOT VALID here,
-- validated by 0019.
alter table public.autopilot_weekly_reports
    add constraint autopilot_weekly_reports_week_start_date_is_finite check (isfinite(week_start_date)) not valid;

alter table public.analytics_reports
    add constraint analytics_reports_period_is_finite check (isfinite(period_start) and isfinite(period_end)) not valid;

alter table public.performance_analytics
    add constraint performance_analytics_period_is_finite
    check (isfinite(period_start) and isfinite(period_end)) not valid;

alter table public.campaigns
    add constraint campaigns_dates_are_finite check (isfinite(start_date) and isfinite(end_date)) not valid;

-- Model ids: model_name is the provider's API id (what a request sends),
-- display_name the human name. Three Anthropic rows carried display-style
-- names; they take the API ids, unless discovery already recorded the API
-- id, in which case the mislabelled row is retired.
update public.ai_model_configs as m
set model_name = r.api_id
from (
    values
    ('claude-sonnet-4.5', 'claude-sonnet-4-5'),
    ('claude-opus-4.1', 'claude-opus-4-1'),
    ('claude-sonnet-4', 'claude-sonnet-4-0')
) as r (old_name, api_id)
left join public.ai_model_configs as taken
    on taken.provider = 'anthropic' and r.api_id = taken.model_name
where
    m.provider = 'anthropic'
    and m.model_name = r.old_name
    and taken.id is null;

update public.ai_model_configs as m
set is_default = false,
    is_active = false,
    deprecated_at = coalesce(m.deprecated_at, now())
where
    m.provider = 'anthropic'
    and m.model_name in ('claude-sonnet-4.5', 'claude-opus-4.1', 'claude-sonnet-4');

-- An Anthropic API id is lower-case letters, digits and hyphens.
alter table public.ai_model_configs
    add constraint ai_model_configs_anthropic_model_name_is_api_id
    check (provider <> 'anthropic' or model_name ~ '^claude-[a-z0-9-]+$' or not is_active) not valid;

comment on column public.ai_model_configs.model_name is
    'The provider''s API model id, exactly as a request sends it (claude-sonnet-4-5, gpt-5, gemini-2.5-pro); display_name holds the human name.';
comment on column public.generated_content_pieces.ai_model is
    'API id of the model that generated the text, e.g. gpt-5 or claude-sonnet-4-5.';
comment on column public.chat_sessions.model is
    'API id of the AI model answering in this session, e.g. claude-sonnet-4-5.';

-- Size caps: every text and jsonb column a signed-in user may write has a
-- bound, stated in its comment: 200,000 bytes for long-form text (bodies,
-- message content, prompts), 20,000 for descriptions, notes and reasons,
-- 2,048 for the rest (names, titles, URLs, codes), 1,000,000 for jsonb (its
-- text form). NOT VALID: rows written before 0018 are not scanned (an old
-- oversized row stays readable); every write from now on is held to them.

alter table public.ai_insights
    add constraint ai_insights_insight_type_size check (octet_length(insight_type) <= 2048) not valid;

alter table public.ai_insights
    add constraint ai_insights_title_size check (octet_length(title) <= 2048) not valid;

alter table public.ai_insights
    add constraint ai_insights_description_size check (octet_length(description) <= 20000) not valid;

alter table public.ai_insights
    add constraint ai_insights_priority_size check (octet_length(priority) <= 2048) not valid;

alter table public.ai_insights
    add constraint ai_insights_status_size check (octet_length(status) <= 2048) not valid;

alter table public.ai_insights
    add constraint ai_insights_data_size check (octet_length(data::text) <= 1000000) not valid;

alter table public.ai_interaction_feedback
    add constraint ai_interaction_feedback_feature_size check (octet_length(feature) <= 2048) not valid;

alter table public.ai_interaction_feedback
    add constraint ai_interaction_feedback_suggestion_type_size check (octet_length(suggestion_type) <= 2048) not valid;

alter table public.ai_interaction_feedback
    add constraint ai_interaction_feedback_ai_suggestion_size check (octet_length(ai_suggestion::text) <= 1000000) not valid;

alter table public.ai_interaction_feedback
    add constraint ai_interaction_feedback_feedback_text_size check (octet_length(feedback_text) <= 20000) not valid;

alter table public.ai_interaction_feedback
    add constraint ai_interaction_feedback_context_size check (octet_length(context::text) <= 1000000) not valid;

alter table public.ai_video_projects
    add constraint ai_video_projects_title_size check (octet_length(title) <= 2048) not valid;

alter table public.ai_video_projects
    add constraint ai_video_projects_goal_size check (octet_length(goal) <= 20000) not valid;

alter table public.ai_video_projects
    add constraint ai_video_projects_platform_size check (octet_length(platform) <= 2048) not valid;

alter table public.ai_video_projects
    add constraint ai_video_projects_brand_kit_size check (octet_length(brand_kit::text) <= 1000000) not valid;

alter table public.ai_video_projects
    add constraint ai_video_projects_scene_plan_size check (octet_length(scene_plan::text) <= 1000000) not valid;

alter table public.analytics_reports
    add constraint analytics_reports_report_type_size check (octet_length(report_type) <= 2048) not valid;

alter table public.analytics_reports
    add constraint analytics_reports_title_size check (octet_length(title) <= 2048) not valid;

alter table public.analytics_reports
    add constraint analytics_reports_status_size check (octet_length(status) <= 2048) not valid;

alter table public.analytics_reports
    add constraint analytics_reports_data_size check (octet_length(data::text) <= 1000000) not valid;

alter table public.brand_assets
    add constraint brand_assets_asset_type_size check (octet_length(asset_type) <= 2048) not valid;

alter table public.brand_assets
    add constraint brand_assets_name_size check (octet_length(name) <= 2048) not valid;

alter table public.brand_assets
    add constraint brand_assets_description_size check (octet_length(description) <= 20000) not valid;

alter table public.brand_assets
    add constraint brand_assets_value_size check (octet_length(value::text) <= 1000000) not valid;

alter table public.brand_positioning_analyses
    add constraint brand_positioning_analyses_brand_name_size check (octet_length(brand_name) <= 2048) not valid;

alter table public.brand_positioning_analyses
    add constraint brand_positioning_analyses_positioning_statement_size check (octet_length(positioning_statement) <= 20000) not valid;

alter table public.brand_positioning_analyses
    add constraint brand_positioning_analyses_brand_tone_size check (octet_length(brand_tone::text) <= 1000000) not valid;

alter table public.brand_positioning_analyses
    add constraint brand_positioning_analyses_three_cs_analysis_size check (octet_length(three_cs_analysis::text) <= 1000000) not valid;

alter table public.brand_positioning_analyses
    add constraint brand_positioning_analyses_recommendations_size check (octet_length(recommendations::text) <= 1000000) not valid;

alter table public.campaign_copilot_sessions
    add constraint campaign_copilot_sessions_title_size check (octet_length(title) <= 2048) not valid;

alter table public.campaign_copilot_sessions
    add constraint campaign_copilot_sessions_status_size check (octet_length(status) <= 2048) not valid;

alter table public.campaign_copilot_sessions
    add constraint campaign_copilot_sessions_current_step_size check (octet_length(current_step) <= 2048) not valid;

alter table public.campaign_copilot_sessions
    add constraint campaign_copilot_sessions_messages_size check (octet_length(messages::text) <= 1000000) not valid;

alter table public.campaign_copilot_sessions
    add constraint campaign_copilot_sessions_session_data_size check (octet_length(session_data::text) <= 1000000) not valid;

alter table public.campaign_performance_metrics
    add constraint campaign_performance_metrics_channel_size check (octet_length(channel) <= 2048) not valid;

alter table public.campaign_performance_metrics
    add constraint campaign_performance_metrics_metric_name_size check (octet_length(metric_name) <= 2048) not valid;

alter table public.campaign_performance_metrics
    add constraint campaign_performance_metrics_unit_size check (octet_length(unit) <= 2048) not valid;

alter table public.campaign_performance_metrics
    add constraint campaign_performance_metrics_dimensions_size check (octet_length(dimensions::text) <= 1000000) not valid;

alter table public.campaign_performance_monitor
    add constraint campaign_performance_monitor_alert_thresholds_size check (octet_length(alert_thresholds::text) <= 1000000) not valid;

alter table public.campaign_predictions
    add constraint campaign_predictions_prediction_type_size check (octet_length(prediction_type) <= 2048) not valid;

alter table public.campaign_predictions
    add constraint campaign_predictions_predicted_values_size check (octet_length(predicted_values::text) <= 1000000) not valid;

alter table public.campaign_predictions
    add constraint campaign_predictions_model_used_size check (octet_length(model_used) <= 2048) not valid;

alter table public.campaign_predictions
    add constraint campaign_predictions_actual_values_size check (octet_length(actual_values::text) <= 1000000) not valid;

alter table public.campaign_tasks
    add constraint campaign_tasks_title_size check (octet_length(title) <= 2048) not valid;

alter table public.campaign_tasks
    add constraint campaign_tasks_description_size check (octet_length(description) <= 20000) not valid;

alter table public.campaign_tasks
    add constraint campaign_tasks_status_size check (octet_length(status) <= 2048) not valid;

alter table public.campaign_tasks
    add constraint campaign_tasks_priority_size check (octet_length(priority) <= 2048) not valid;

alter table public.campaign_tasks
    add constraint campaign_tasks_assigned_to_size check (octet_length(assigned_to) <= 2048) not valid;

alter table public.campaigns
    add constraint campaigns_name_size check (octet_length(name) <= 2048) not valid;

alter table public.campaigns
    add constraint campaigns_description_size check (octet_length(description) <= 20000) not valid;

alter table public.campaigns
    add constraint campaigns_objective_size check (octet_length(objective) <= 2048) not valid;

alter table public.campaigns
    add constraint campaigns_channel_size check (octet_length(channel) <= 2048) not valid;

alter table public.campaigns
    add constraint campaigns_status_size check (octet_length(status) <= 2048) not valid;

alter table public.campaigns
    add constraint campaigns_currency_size check (octet_length(currency) <= 2048) not valid;

alter table public.campaigns
    add constraint campaigns_target_audience_size check (octet_length(target_audience) <= 20000) not valid;

alter table public.campaigns
    add constraint campaigns_metrics_size check (octet_length(metrics::text) <= 1000000) not valid;

alter table public.campaigns
    add constraint campaigns_demographics_size check (octet_length(demographics::text) <= 1000000) not valid;

alter table public.campaigns
    add constraint campaigns_kpi_targets_size check (octet_length(kpi_targets::text) <= 1000000) not valid;

alter table public.chat_messages
    add constraint chat_messages_role_size check (octet_length(role) <= 2048) not valid;

alter table public.chat_messages
    add constraint chat_messages_content_size check (octet_length(content) <= 200000) not valid;

alter table public.chat_messages
    add constraint chat_messages_model_size check (octet_length(model) <= 2048) not valid;

alter table public.chat_messages
    add constraint chat_messages_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.chat_sessions
    add constraint chat_sessions_title_size check (octet_length(title) <= 2048) not valid;

alter table public.chat_sessions
    add constraint chat_sessions_status_size check (octet_length(status) <= 2048) not valid;

alter table public.chat_sessions
    add constraint chat_sessions_model_size check (octet_length(model) <= 2048) not valid;

alter table public.chat_sessions
    add constraint chat_sessions_system_prompt_size check (octet_length(system_prompt) <= 200000) not valid;

alter table public.chat_sessions
    add constraint chat_sessions_context_size check (octet_length(context::text) <= 1000000) not valid;

alter table public.competitive_gap_analyses
    add constraint competitive_gap_analyses_our_brand_size check (octet_length(our_brand) <= 2048) not valid;

alter table public.competitive_gap_analyses
    add constraint competitive_gap_analyses_gap_analysis_size check (octet_length(gap_analysis::text) <= 1000000) not valid;

alter table public.competitive_gap_analyses
    add constraint competitive_gap_analyses_ownable_differentiator_size check (octet_length(ownable_differentiator) <= 20000) not valid;

alter table public.content_calendar
    add constraint content_calendar_title_size check (octet_length(title) <= 2048) not valid;

alter table public.content_calendar
    add constraint content_calendar_description_size check (octet_length(description) <= 20000) not valid;

alter table public.content_calendar
    add constraint content_calendar_content_size check (octet_length(content) <= 200000) not valid;

alter table public.content_calendar
    add constraint content_calendar_content_type_size check (octet_length(content_type) <= 2048) not valid;

alter table public.content_calendar
    add constraint content_calendar_platform_size check (octet_length(platform) <= 2048) not valid;

alter table public.content_calendar
    add constraint content_calendar_status_size check (octet_length(status) <= 2048) not valid;

alter table public.content_calendar
    add constraint content_calendar_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.content_templates
    add constraint content_templates_name_size check (octet_length(name) <= 2048) not valid;

alter table public.content_templates
    add constraint content_templates_description_size check (octet_length(description) <= 20000) not valid;

alter table public.content_templates
    add constraint content_templates_content_type_size check (octet_length(content_type) <= 2048) not valid;

alter table public.content_templates
    add constraint content_templates_platform_size check (octet_length(platform) <= 2048) not valid;

alter table public.content_templates
    add constraint content_templates_category_size check (octet_length(category) <= 2048) not valid;

alter table public.content_templates
    add constraint content_templates_body_size check (octet_length(body) <= 200000) not valid;

alter table public.content_templates
    add constraint content_templates_variables_size check (octet_length(variables::text) <= 1000000) not valid;

alter table public.content_templates
    add constraint content_templates_tone_size check (octet_length(tone) <= 2048) not valid;

alter table public.conversation_knowledge_refs
    add constraint conversation_knowledge_refs_ref_type_size check (octet_length(ref_type) <= 2048) not valid;

alter table public.conversation_messages
    add constraint conversation_messages_role_size check (octet_length(role) <= 2048) not valid;

alter table public.conversation_messages
    add constraint conversation_messages_content_size check (octet_length(content) <= 200000) not valid;

alter table public.conversation_messages
    add constraint conversation_messages_embedding_model_size check (octet_length(embedding_model) <= 2048) not valid;

alter table public.conversation_messages
    add constraint conversation_messages_model_size check (octet_length(model) <= 2048) not valid;

alter table public.conversation_messages
    add constraint conversation_messages_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.conversations
    add constraint conversations_title_size check (octet_length(title) <= 2048) not valid;

alter table public.conversations
    add constraint conversations_summary_size check (octet_length(summary) <= 20000) not valid;

alter table public.conversations
    add constraint conversations_embedding_model_size check (octet_length(embedding_model) <= 2048) not valid;

alter table public.conversations
    add constraint conversations_status_size check (octet_length(status) <= 2048) not valid;

alter table public.conversations
    add constraint conversations_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.data_deletion_requests
    add constraint data_deletion_requests_status_size check (octet_length(status) <= 2048) not valid;

alter table public.data_deletion_requests
    add constraint data_deletion_requests_reason_size check (octet_length(reason) <= 20000) not valid;

alter table public.data_export_requests
    add constraint data_export_requests_format_size check (octet_length(format) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_file_name_size check (octet_length(file_name) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_storage_bucket_size check (octet_length(storage_bucket) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_storage_path_size check (octet_length(storage_path) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_mime_type_size check (octet_length(mime_type) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_asset_type_size check (octet_length(asset_type) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_checksum_sha256_size check (octet_length(checksum_sha256) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_title_size check (octet_length(title) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_alt_text_size check (octet_length(alt_text) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_description_size check (octet_length(description) <= 20000) not valid;

alter table public.digital_assets
    add constraint digital_assets_source_size check (octet_length(source) <= 2048) not valid;

alter table public.digital_assets
    add constraint digital_assets_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.email_automation_rules
    add constraint email_automation_rules_name_size check (octet_length(name) <= 2048) not valid;

alter table public.email_automation_rules
    add constraint email_automation_rules_description_size check (octet_length(description) <= 20000) not valid;

alter table public.email_automation_rules
    add constraint email_automation_rules_trigger_event_size check (octet_length(trigger_event) <= 2048) not valid;

alter table public.email_automation_rules
    add constraint email_automation_rules_conditions_size check (octet_length(conditions::text) <= 1000000) not valid;

alter table public.email_automation_rules
    add constraint email_automation_rules_actions_size check (octet_length(actions::text) <= 1000000) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_name_size check (octet_length(name) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_subject_size check (octet_length(subject) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_preheader_size check (octet_length(preheader) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_from_name_size check (octet_length(from_name) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_from_email_size check (octet_length(from_email) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_reply_to_size check (octet_length(reply_to) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_body_html_size check (octet_length(body_html) <= 200000) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_body_text_size check (octet_length(body_text) <= 200000) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_list_name_size check (octet_length(list_name) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_status_size check (octet_length(status) <= 2048) not valid;

alter table public.email_campaigns
    add constraint email_campaigns_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.email_contacts
    add constraint email_contacts_list_name_size check (octet_length(list_name) <= 2048) not valid;

alter table public.email_contacts
    add constraint email_contacts_email_size check (octet_length(email) <= 2048) not valid;

alter table public.email_contacts
    add constraint email_contacts_first_name_size check (octet_length(first_name) <= 2048) not valid;

alter table public.email_contacts
    add constraint email_contacts_last_name_size check (octet_length(last_name) <= 2048) not valid;

alter table public.email_contacts
    add constraint email_contacts_status_size check (octet_length(status) <= 2048) not valid;

alter table public.email_contacts
    add constraint email_contacts_source_size check (octet_length(source) <= 2048) not valid;

alter table public.email_contacts
    add constraint email_contacts_custom_fields_size check (octet_length(custom_fields::text) <= 1000000) not valid;

alter table public.email_templates
    add constraint email_templates_name_size check (octet_length(name) <= 2048) not valid;

alter table public.email_templates
    add constraint email_templates_description_size check (octet_length(description) <= 20000) not valid;

alter table public.email_templates
    add constraint email_templates_category_size check (octet_length(category) <= 2048) not valid;

alter table public.email_templates
    add constraint email_templates_subject_size check (octet_length(subject) <= 2048) not valid;

alter table public.email_templates
    add constraint email_templates_preheader_size check (octet_length(preheader) <= 2048) not valid;

alter table public.email_templates
    add constraint email_templates_body_html_size check (octet_length(body_html) <= 200000) not valid;

alter table public.email_templates
    add constraint email_templates_body_text_size check (octet_length(body_text) <= 200000) not valid;

alter table public.email_templates
    add constraint email_templates_variables_size check (octet_length(variables::text) <= 1000000) not valid;

alter table public.funnel_designs
    add constraint funnel_designs_name_size check (octet_length(name) <= 2048) not valid;

alter table public.funnel_designs
    add constraint funnel_designs_funnel_structure_size check (octet_length(funnel_structure::text) <= 1000000) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_content_type_size check (octet_length(content_type) <= 2048) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_platform_size check (octet_length(platform) <= 2048) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_title_size check (octet_length(title) <= 2048) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_body_size check (octet_length(body) <= 200000) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_status_size check (octet_length(status) <= 2048) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_ai_model_size check (octet_length(ai_model) <= 2048) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_prompt_size check (octet_length(prompt) <= 200000) not valid;

alter table public.generated_content_pieces
    add constraint generated_content_pieces_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.integration_connections
    add constraint integration_connections_provider_size check (octet_length(provider) <= 2048) not valid;

alter table public.integration_connections
    add constraint integration_connections_status_size check (octet_length(status) <= 2048) not valid;

alter table public.integration_connections
    add constraint integration_connections_config_size check (octet_length(config::text) <= 1000000) not valid;

alter table public.keyword_research
    add constraint keyword_research_keyword_size check (octet_length(keyword) <= 2048) not valid;

alter table public.keyword_research
    add constraint keyword_research_location_size check (octet_length(location) <= 2048) not valid;

alter table public.keyword_research
    add constraint keyword_research_language_size check (octet_length(language) <= 2048) not valid;

alter table public.keyword_research
    add constraint keyword_research_intent_size check (octet_length(intent) <= 2048) not valid;

alter table public.keyword_research
    add constraint keyword_research_trend_size check (octet_length(trend::text) <= 1000000) not valid;

alter table public.keyword_research
    add constraint keyword_research_source_size check (octet_length(source) <= 2048) not valid;

alter table public.knowledge_buckets
    add constraint knowledge_buckets_name_size check (octet_length(name) <= 2048) not valid;

alter table public.knowledge_buckets
    add constraint knowledge_buckets_description_size check (octet_length(description) <= 20000) not valid;

alter table public.knowledge_buckets
    add constraint knowledge_buckets_bucket_type_size check (octet_length(bucket_type) <= 2048) not valid;

alter table public.knowledge_chunks
    add constraint knowledge_chunks_content_size check (octet_length(content) <= 200000) not valid;

alter table public.knowledge_chunks
    add constraint knowledge_chunks_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_title_size check (octet_length(title) <= 2048) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_source_type_size check (octet_length(source_type) <= 2048) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_source_url_size check (octet_length(source_url) <= 2048) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_storage_path_size check (octet_length(storage_path) <= 2048) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_mime_type_size check (octet_length(mime_type) <= 2048) not valid;

alter table public.knowledge_documents
    add constraint knowledge_documents_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.lead_activities
    add constraint lead_activities_activity_type_size check (octet_length(activity_type) <= 2048) not valid;

alter table public.lead_activities
    add constraint lead_activities_activity_data_size check (octet_length(activity_data::text) <= 1000000) not valid;

alter table public.lead_scoring_rules
    add constraint lead_scoring_rules_rule_name_size check (octet_length(rule_name) <= 2048) not valid;

alter table public.lead_scoring_rules
    add constraint lead_scoring_rules_activity_type_size check (octet_length(activity_type) <= 2048) not valid;

alter table public.lead_scoring_rules
    add constraint lead_scoring_rules_conditions_size check (octet_length(conditions::text) <= 1000000) not valid;

alter table public.leads
    add constraint leads_email_size check (octet_length(email) <= 2048) not valid;

alter table public.leads
    add constraint leads_first_name_size check (octet_length(first_name) <= 2048) not valid;

alter table public.leads
    add constraint leads_last_name_size check (octet_length(last_name) <= 2048) not valid;

alter table public.leads
    add constraint leads_company_size check (octet_length(company) <= 2048) not valid;

alter table public.leads
    add constraint leads_job_title_size check (octet_length(job_title) <= 2048) not valid;

alter table public.leads
    add constraint leads_phone_size check (octet_length(phone) <= 2048) not valid;

alter table public.leads
    add constraint leads_source_size check (octet_length(source) <= 2048) not valid;

alter table public.leads
    add constraint leads_status_size check (octet_length(status) <= 2048) not valid;

alter table public.leads
    add constraint leads_custom_fields_size check (octet_length(custom_fields::text) <= 1000000) not valid;

alter table public.leads
    add constraint leads_notes_size check (octet_length(notes) <= 20000) not valid;

alter table public.marketing_autopilot_config
    add constraint marketing_autopilot_config_business_description_size check (octet_length(business_description) <= 20000) not valid;

alter table public.marketing_autopilot_config
    add constraint marketing_autopilot_config_target_audience_size check (octet_length(target_audience) <= 20000) not valid;

alter table public.marketing_autopilot_config
    add constraint marketing_autopilot_config_goals_size check (octet_length(goals::text) <= 1000000) not valid;

alter table public.marketing_autopilot_config
    add constraint marketing_autopilot_config_ai_strategy_size check (octet_length(ai_strategy::text) <= 1000000) not valid;

alter table public.oauth_states
    add constraint oauth_states_platform_name_size check (octet_length(platform_name) <= 2048) not valid;

alter table public.oauth_states
    add constraint oauth_states_state_size check (octet_length(state) <= 2048) not valid;

alter table public.oauth_states
    add constraint oauth_states_redirect_uri_size check (octet_length(redirect_uri) <= 2048) not valid;

alter table public.oauth_states
    add constraint oauth_states_code_verifier_size check (octet_length(code_verifier) <= 2048) not valid;

alter table public.performance_analytics
    add constraint performance_analytics_entity_type_size check (octet_length(entity_type) <= 2048) not valid;

alter table public.performance_analytics
    add constraint performance_analytics_granularity_size check (octet_length(granularity) <= 2048) not valid;

alter table public.performance_analytics
    add constraint performance_analytics_metrics_size check (octet_length(metrics::text) <= 1000000) not valid;

alter table public.performance_tracking_frameworks
    add constraint performance_tracking_frameworks_campaign_name_size check (octet_length(campaign_name) <= 2048) not valid;

alter table public.performance_tracking_frameworks
    add constraint performance_tracking_frameworks_tracking_framework_size
    check (octet_length(tracking_framework::text) <= 1000000) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_name_size check (octet_length(name) <= 2048) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_description_size check (octet_length(description) <= 20000) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_industry_size check (octet_length(industry) <= 2048) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_service_type_size check (octet_length(service_type) <= 2048) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_sections_size check (octet_length(sections::text) <= 1000000) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_pricing_size check (octet_length(pricing::text) <= 1000000) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_terms_size check (octet_length(terms) <= 20000) not valid;

alter table public.proposal_templates
    add constraint proposal_templates_currency_size check (octet_length(currency) <= 2048) not valid;

alter table public.real_time_metrics
    add constraint real_time_metrics_entity_type_size check (octet_length(entity_type) <= 2048) not valid;

alter table public.real_time_metrics
    add constraint real_time_metrics_metric_name_size check (octet_length(metric_name) <= 2048) not valid;

alter table public.research_notes
    add constraint research_notes_title_size check (octet_length(title) <= 2048) not valid;

alter table public.research_notes
    add constraint research_notes_note_size check (octet_length(note) <= 20000) not valid;

alter table public.research_notes
    add constraint research_notes_source_excerpt_size check (octet_length(source_excerpt) <= 200000) not valid;

alter table public.research_notes
    add constraint research_notes_flag_reason_size check (octet_length(flag_reason) <= 20000) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_platform_size check (octet_length(platform) <= 2048) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_account_id_size check (octet_length(account_id) <= 2048) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_account_handle_size check (octet_length(account_handle) <= 2048) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_account_type_size check (octet_length(account_type) <= 2048) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_status_size check (octet_length(status) <= 2048) not valid;

alter table public.social_platform_connections
    add constraint social_platform_connections_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.support_tickets
    add constraint support_tickets_contact_email_size check (octet_length(contact_email) <= 2048) not valid;

alter table public.support_tickets
    add constraint support_tickets_contact_name_size check (octet_length(contact_name) <= 2048) not valid;

alter table public.support_tickets
    add constraint support_tickets_subject_size check (octet_length(subject) <= 2048) not valid;

alter table public.support_tickets
    add constraint support_tickets_description_size check (octet_length(description) <= 20000) not valid;

alter table public.support_tickets
    add constraint support_tickets_category_size check (octet_length(category) <= 2048) not valid;

alter table public.user_analytics_events
    add constraint user_analytics_events_event_type_size check (octet_length(event_type) <= 2048) not valid;

alter table public.user_analytics_events
    add constraint user_analytics_events_page_size check (octet_length(page) <= 2048) not valid;

alter table public.user_analytics_events
    add constraint user_analytics_events_form_id_size check (octet_length(form_id) <= 2048) not valid;

alter table public.user_analytics_events
    add constraint user_analytics_events_field_size check (octet_length(field) <= 2048) not valid;

alter table public.user_analytics_events
    add constraint user_analytics_events_session_id_size check (octet_length(session_id) <= 2048) not valid;

alter table public.user_analytics_events
    add constraint user_analytics_events_metadata_size check (octet_length(metadata::text) <= 1000000) not valid;

alter table public.user_preferences
    add constraint user_preferences_interface_mode_size check (octet_length(interface_mode) <= 2048) not valid;

alter table public.user_preferences
    add constraint user_preferences_theme_size check (octet_length(theme) <= 2048) not valid;

alter table public.user_preferences
    add constraint user_preferences_language_size check (octet_length(language) <= 2048) not valid;

alter table public.user_preferences
    add constraint user_preferences_timezone_size check (octet_length(timezone) <= 2048) not valid;

alter table public.user_preferences
    add constraint user_preferences_notification_preferences_size check (octet_length(notification_preferences::text) <= 1000000) not valid;

alter table public.user_preferences
    add constraint user_preferences_dashboard_layout_size check (octet_length(dashboard_layout::text) <= 1000000) not valid;

alter table public.user_secrets
    add constraint user_secrets_service_name_size check (octet_length(service_name) <= 2048) not valid;

alter table public.user_secrets
    add constraint user_secrets_key_hint_size check (octet_length(key_hint) <= 2048) not valid;

alter table public.webhooks
    add constraint webhooks_name_size check (octet_length(name) <= 2048) not valid;

alter table public.webhooks
    add constraint webhooks_url_size check (octet_length(url) <= 2048) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_workflow_type_size check (octet_length(workflow_type) <= 2048) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_status_size check (octet_length(status) <= 2048) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_input_size check (octet_length(input::text) <= 1000000) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_steps_size check (octet_length(steps::text) <= 1000000) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_output_size check (octet_length(output::text) <= 1000000) not valid;

alter table public.workflow_executions
    add constraint workflow_executions_error_message_size check (octet_length(error_message) <= 20000) not valid;

comment on column public.ai_insights.insight_type is
    'At most 2,048 bytes.';

comment on column public.ai_insights.title is
    'At most 2,048 bytes.';

comment on column public.ai_insights.description is
    'At most 20,000 bytes.';

comment on column public.ai_insights.priority is
    'At most 2,048 bytes.';

comment on column public.ai_insights.status is
    'Lifecycle: new -> viewed -> acted_on | dismissed; new -> acted_on | dismissed. At most 2,048 bytes.';

comment on column public.ai_insights.data is
    'Supporting evidence: figures, affected entities, suggested actions. At most 1,000,000 bytes (as text).';

comment on column public.ai_interaction_feedback.feature is
    'Product feature that produced the suggestion. At most 2,048 bytes.';

comment on column public.ai_interaction_feedback.suggestion_type is
    'Finer kind of suggestion within the feature, e.g. headline, budget_split, audience. At most 2,048 bytes.';

comment on column public.ai_interaction_feedback.ai_suggestion is
    'A copy of the suggestion as shown to the user. At most 1,000,000 bytes (as text).';

comment on column public.ai_interaction_feedback.feedback_text is
    'At most 20,000 bytes.';

comment on column public.ai_interaction_feedback.context is
    'What the AI knew when suggesting (prompt parameters, model, page). At most 1,000,000 bytes (as text).';

comment on column public.ai_video_projects.title is
    'At most 2,048 bytes.';

comment on column public.ai_video_projects.goal is
    'What the video should achieve, in the user''s words. At most 20,000 bytes.';

comment on column public.ai_video_projects.platform is
    'Target format: YouTubeShort, TikTok, Reels (9:16) or Landscape (16:9). At most 2,048 bytes.';

comment on column public.ai_video_projects.brand_kit is
    'Styling: colours, fonts, logo URL, tone. At most 1,000,000 bytes (as text).';

comment on column public.ai_video_projects.scene_plan is
    'Array of scenes (prompt, duration, voice-over) produced in the planning step. At most 1,000,000 bytes (as text).';

comment on column public.analytics_reports.report_type is
    'At most 2,048 bytes.';

comment on column public.analytics_reports.title is
    'At most 2,048 bytes.';

comment on column public.analytics_reports.status is
    'Lifecycle: pending -> generating -> completed | failed; failed -> pending to retry, completed -> pending to regenerate. At most 2,048 bytes.';

comment on column public.analytics_reports.data is
    'The report content: figures, series and tables, as the report_type defines. At most 1,000,000 bytes (as text).';

comment on column public.brand_assets.asset_type is
    'logo, color, font, voice, tagline, imagery, guideline or other. At most 2,048 bytes.';

comment on column public.brand_assets.name is
    'At most 2,048 bytes.';

comment on column public.brand_assets.description is
    'At most 20,000 bytes.';

comment on column public.brand_assets.value is
    'Type-specific definition: color {"hex": "#1A2B3C", "role": "primary"}; font {"family": "Inter", "weights": [400, 700]}; voice {"tone": [...], "do": [...], "dont": [...]}. At most 1,000,000 bytes (as text).';

comment on column public.brand_positioning_analyses.brand_name is
    'At most 2,048 bytes.';

comment on column public.brand_positioning_analyses.positioning_statement is
    'At most 20,000 bytes.';

comment on column public.brand_positioning_analyses.brand_tone is
    'Voice attributes, e.g. {"formality": "casual", "traits": ["bold"]}. At most 1,000,000 bytes (as text).';

comment on column public.brand_positioning_analyses.three_cs_analysis is
    'Object with the keys company, customer and competition, each the analysis of that C. At most 1,000,000 bytes (as text).';

comment on column public.brand_positioning_analyses.recommendations is
    'Suggested positioning actions, as a list. At most 1,000,000 bytes (as text).';

comment on column public.campaign_copilot_sessions.title is
    'At most 2,048 bytes.';

comment on column public.campaign_copilot_sessions.status is
    'active -> completed, active -> abandoned, abandoned -> active (resumed). At most 2,048 bytes.';

comment on column public.campaign_copilot_sessions.current_step is
    'Wizard step the session is at. At most 2,048 bytes.';

comment on column public.campaign_copilot_sessions.messages is
    'The conversation: array of {"role": "user"|"assistant", "content": ..., "at": ...}. At most 1,000,000 bytes (as text).';

comment on column public.campaign_copilot_sessions.session_data is
    'The campaign draft gathered so far (goal, audience, channels, budget, content ideas). At most 1,000,000 bytes (as text).';

comment on column public.campaign_performance_metrics.channel is
    'At most 2,048 bytes.';

comment on column public.campaign_performance_metrics.metric_name is
    'At most 2,048 bytes.';

comment on column public.campaign_performance_metrics.unit is
    'At most 2,048 bytes.';

comment on column public.campaign_performance_metrics.dimensions is
    'What the value is broken down by, e.g. {"ad_set": "retargeting", "region": "DE"}. At most 1,000,000 bytes (as text).';

comment on column public.campaign_performance_monitor.alert_thresholds is
    'Limits that raise a warning, e.g. {"max_cpl": 40, "min_ctr": 0.01}. At most 1,000,000 bytes (as text).';

comment on column public.campaign_predictions.prediction_type is
    'At most 2,048 bytes.';

comment on column public.campaign_predictions.predicted_values is
    'The forecast, e.g. {"leads": 120, "spend": 900}. At most 1,000,000 bytes (as text).';

comment on column public.campaign_predictions.model_used is
    'At most 2,048 bytes.';

comment on column public.campaign_predictions.actual_values is
    'What happened, filled in after the horizon to measure accuracy. At most 1,000,000 bytes (as text).';

comment on column public.campaign_tasks.title is
    'At most 2,048 bytes.';

comment on column public.campaign_tasks.description is
    'At most 20,000 bytes.';

comment on column public.campaign_tasks.status is
    'At most 2,048 bytes.';

comment on column public.campaign_tasks.priority is
    'At most 2,048 bytes.';

comment on column public.campaign_tasks.assigned_to is
    'Free-text assignee (a name or an email); campaigns have one owner. At most 2,048 bytes.';

comment on column public.campaigns.name is
    'At most 2,048 bytes.';

comment on column public.campaigns.description is
    'At most 20,000 bytes.';

comment on column public.campaigns.objective is
    'What the campaign is for; drives which KPIs matter. At most 2,048 bytes.';

comment on column public.campaigns.channel is
    'Main channel; multi when the campaign spans several. At most 2,048 bytes.';

comment on column public.campaigns.status is
    'Lifecycle: draft -> active <-> paused -> completed; any state -> archived. At most 2,048 bytes.';

comment on column public.campaigns.currency is
    'At most 2,048 bytes.';

comment on column public.campaigns.target_audience is
    'At most 20,000 bytes.';

comment on column public.campaigns.metrics is
    'Latest headline numbers, e.g. {"impressions": 1200, "clicks": 80}. At most 1,000,000 bytes (as text).';

comment on column public.campaigns.demographics is
    'Targeted audience attributes, e.g. {"age": "25-44", "regions": ["EU"]}. At most 1,000,000 bytes (as text).';

comment on column public.campaigns.kpi_targets is
    'Targets per KPI, e.g. {"leads": 50, "cpl": 20}. At most 1,000,000 bytes (as text).';

comment on column public.chat_messages.role is
    'Author: user, assistant, system or tool. At most 2,048 bytes.';

comment on column public.chat_messages.content is
    'At most 200,000 bytes.';

comment on column public.chat_messages.model is
    'Model that produced an assistant message. At most 2,048 bytes.';

comment on column public.chat_messages.metadata is
    'Tool calls, citations, finish reason and similar details. At most 1,000,000 bytes (as text).';

comment on column public.chat_sessions.title is
    'At most 2,048 bytes.';

comment on column public.chat_sessions.status is
    'At most 2,048 bytes.';

comment on column public.chat_sessions.model is
    'API id of the AI model answering in this session, e.g. claude-sonnet-4-5. At most 2,048 bytes.';

comment on column public.chat_sessions.system_prompt is
    'System prompt the session was started with. At most 200,000 bytes.';

comment on column public.chat_sessions.context is
    'Context handed to the model (business facts, selected assets, ...). At most 1,000,000 bytes (as text).';

comment on column public.competitive_gap_analyses.our_brand is
    'At most 2,048 bytes.';

comment on column public.competitive_gap_analyses.gap_analysis is
    'Object with at least the keys messaging, channels, audience and content: the gaps found in each. At most 1,000,000 bytes (as text).';

comment on column public.competitive_gap_analyses.ownable_differentiator is
    'The differentiator no competitor claims that the brand can credibly own. At most 20,000 bytes.';

comment on column public.content_calendar.title is
    'At most 2,048 bytes.';

comment on column public.content_calendar.description is
    'At most 20,000 bytes.';

comment on column public.content_calendar.content is
    'The body/caption to publish. At most 200,000 bytes.';

comment on column public.content_calendar.content_type is
    'At most 2,048 bytes.';

comment on column public.content_calendar.platform is
    'At most 2,048 bytes.';

comment on column public.content_calendar.status is
    'Lifecycle: draft -> scheduled -> published | failed; draft -> published (publish now); failed -> scheduled (retry); scheduled/failed -> draft; draft/scheduled/failed -> cancelled. published and cancelled are final. Enforced by trigger. At most 2,048 bytes.';

comment on column public.content_calendar.metadata is
    'At most 1,000,000 bytes (as text).';

comment on column public.content_templates.name is
    'At most 2,048 bytes.';

comment on column public.content_templates.description is
    'At most 20,000 bytes.';

comment on column public.content_templates.content_type is
    'Kind of content the template produces (post, article, video script, email, ...). At most 2,048 bytes.';

comment on column public.content_templates.platform is
    'Platform the template is written for; NULL when platform-neutral. At most 2,048 bytes.';

comment on column public.content_templates.category is
    'At most 2,048 bytes.';

comment on column public.content_templates.body is
    'Template text with {{variable}} placeholders. At most 200,000 bytes.';

comment on column public.content_templates.variables is
    'Placeholder definitions: array of {"name", "description", "default", "required"}. At most 1,000,000 bytes (as text).';

comment on column public.content_templates.tone is
    'Intended voice, e.g. playful, authoritative. At most 2,048 bytes.';

comment on column public.conversation_knowledge_refs.ref_type is
    'retrieved (found by search), cited (quoted in the answer) or pinned (attached by the user). At most 2,048 bytes.';

comment on column public.conversation_messages.role is
    'Author: user, assistant, system or tool. At most 2,048 bytes.';

comment on column public.conversation_messages.content is
    'At most 200,000 bytes.';

comment on column public.conversation_messages.embedding_model is
    'Model that produced the embedding; required when embedding is set. At most 2,048 bytes.';

comment on column public.conversation_messages.model is
    'Model that produced an assistant message. At most 2,048 bytes.';

comment on column public.conversation_messages.metadata is
    'Tool calls, finish reason and similar details. At most 1,000,000 bytes (as text).';

comment on column public.conversations.title is
    'At most 2,048 bytes.';

comment on column public.conversations.summary is
    'AI-written summary of the conversation; the text the embedding is computed from. At most 20,000 bytes.';

comment on column public.conversations.embedding_model is
    'Model that produced the embedding; required when embedding is set. At most 2,048 bytes.';

comment on column public.conversations.status is
    'At most 2,048 bytes.';

comment on column public.conversations.metadata is
    'At most 1,000,000 bytes (as text).';

comment on column public.data_deletion_requests.status is
    'Lifecycle: pending -> processing -> completed; pending -> cancelled. At most 2,048 bytes.';

comment on column public.data_deletion_requests.reason is
    'At most 20,000 bytes.';

comment on column public.data_export_requests.format is
    'At most 2,048 bytes.';

comment on column public.digital_assets.file_name is
    'At most 2,048 bytes.';

comment on column public.digital_assets.storage_bucket is
    'Storage bucket holding the file (storage.buckets.id). At most 2,048 bytes.';

comment on column public.digital_assets.storage_path is
    'Object path inside storage_bucket, under the owner''s folder: <user id>/... (checked), so it is unique per owner. At most 2,048 bytes.';

comment on column public.digital_assets.mime_type is
    'Lower-case MIME type, e.g. image/png. At most 2,048 bytes.';

comment on column public.digital_assets.asset_type is
    'Coarse media kind used for filtering: image, video, audio, document or other. At most 2,048 bytes.';

comment on column public.digital_assets.checksum_sha256 is
    'Lower-case hex SHA-256 of the file, for de-duplication. At most 2,048 bytes.';

comment on column public.digital_assets.title is
    'At most 2,048 bytes.';

comment on column public.digital_assets.alt_text is
    'Accessibility text used when the asset is published. At most 2,048 bytes.';

comment on column public.digital_assets.description is
    'At most 20,000 bytes.';

comment on column public.digital_assets.source is
    'Where the file came from: upload, ai_generated, stock or import. At most 2,048 bytes.';

comment on column public.digital_assets.metadata is
    'Extra file metadata (EXIF, codec, generator prompt, ...). At most 1,000,000 bytes (as text).';

comment on column public.email_automation_rules.name is
    'At most 2,048 bytes.';

comment on column public.email_automation_rules.description is
    'At most 20,000 bytes.';

comment on column public.email_automation_rules.trigger_event is
    'Event that fires the rule. At most 2,048 bytes.';

comment on column public.email_automation_rules.conditions is
    'Condition tree evaluated against the event, e.g. {"all": [{"field": "lead.score", "op": ">=", "value": 50}]}; {} always matches. At most 1,000,000 bytes (as text).';

comment on column public.email_automation_rules.actions is
    'Ordered actions: [{"type": "send_email", "template_id": ...}, {"type": "add_tag", "tag": ...}, ...]. At most 1,000,000 bytes (as text).';

comment on column public.email_campaigns.name is
    'At most 2,048 bytes.';

comment on column public.email_campaigns.subject is
    'At most 2,048 bytes.';

comment on column public.email_campaigns.preheader is
    'At most 2,048 bytes.';

comment on column public.email_campaigns.from_name is
    'At most 2,048 bytes.';

comment on column public.email_campaigns.from_email is
    'At most 2,048 bytes.';

comment on column public.email_campaigns.reply_to is
    'At most 2,048 bytes.';

comment on column public.email_campaigns.body_html is
    'At most 200,000 bytes.';

comment on column public.email_campaigns.body_text is
    'At most 200,000 bytes.';

comment on column public.email_campaigns.list_name is
    'Distribution list (email_contacts.list_name) the campaign is sent to; only subscribed contacts receive it. At most 2,048 bytes.';

comment on column public.email_campaigns.status is
    'Lifecycle: draft -> scheduled -> sending -> sent; draft -> sending (send now); scheduled -> draft; sending -> failed; failed -> draft | scheduled (retry); draft/scheduled/failed -> cancelled. sent and cancelled are final. Enforced by trigger. At most 2,048 bytes.';

comment on column public.email_campaigns.metadata is
    'At most 1,000,000 bytes (as text).';

comment on column public.email_contacts.list_name is
    'Distribution list the contact belongs to; an address appears once per list. At most 2,048 bytes.';

comment on column public.email_contacts.email is
    'Address, stored lower-case so that uniqueness per list is case-insensitive. At most 2,048 bytes.';

comment on column public.email_contacts.first_name is
    'At most 2,048 bytes.';

comment on column public.email_contacts.last_name is
    'At most 2,048 bytes.';

comment on column public.email_contacts.status is
    'subscribed receives sends; unsubscribed, bounced and complained do not. At most 2,048 bytes.';

comment on column public.email_contacts.source is
    'At most 2,048 bytes.';

comment on column public.email_contacts.custom_fields is
    'Merge fields available to templates, e.g. {"company": "Acme"}. At most 1,000,000 bytes (as text).';

comment on column public.email_templates.name is
    'At most 2,048 bytes.';

comment on column public.email_templates.description is
    'At most 20,000 bytes.';

comment on column public.email_templates.category is
    'At most 2,048 bytes.';

comment on column public.email_templates.subject is
    'At most 2,048 bytes.';

comment on column public.email_templates.preheader is
    'Preview text shown after the subject in inboxes. At most 2,048 bytes.';

comment on column public.email_templates.body_html is
    'At most 200,000 bytes.';

comment on column public.email_templates.body_text is
    'Plain-text alternative; generated from body_html when NULL. At most 200,000 bytes.';

comment on column public.email_templates.variables is
    'Placeholder definitions: array of {"name", "description", "default"}. At most 1,000,000 bytes (as text).';

comment on column public.funnel_designs.name is
    'At most 2,048 bytes.';

comment on column public.funnel_designs.funnel_structure is
    'Exactly the keys awareness, engagement, conversion, retention (their order is fixed, so not stored), each an object such as {"goal": ..., "offers": [...], "automation_tasks": [...]}; offers and automation_tasks must be arrays. At most 1,000,000 bytes (as text).';

comment on column public.generated_content_pieces.content_type is
    'At most 2,048 bytes.';

comment on column public.generated_content_pieces.platform is
    'At most 2,048 bytes.';

comment on column public.generated_content_pieces.title is
    'At most 2,048 bytes.';

comment on column public.generated_content_pieces.body is
    'At most 200,000 bytes.';

comment on column public.generated_content_pieces.status is
    'Lifecycle: draft -> approved | rejected; approved -> published | rejected, or back to draft for edits; rejected -> draft (rework); any state -> archived (final). At most 2,048 bytes.';

comment on column public.generated_content_pieces.ai_model is
    'API id of the model that generated the text, e.g. gpt-5 or claude-sonnet-4-5. At most 2,048 bytes.';

comment on column public.generated_content_pieces.prompt is
    'At most 200,000 bytes.';

comment on column public.generated_content_pieces.metadata is
    'Generation details: tone, length, token counts, variants. At most 1,000,000 bytes (as text).';

comment on column public.integration_connections.provider is
    'At most 2,048 bytes.';

comment on column public.integration_connections.status is
    'At most 2,048 bytes.';

comment on column public.integration_connections.config is
    'Non-secret settings: account ids, sync options, field mappings. At most 1,000,000 bytes (as text).';

comment on column public.keyword_research.keyword is
    'The keyword, lower-case and trimmed so that duplicates are caught. At most 2,048 bytes.';

comment on column public.keyword_research.location is
    'Market the figures are for: a country or region code, or global. At most 2,048 bytes.';

comment on column public.keyword_research.language is
    'At most 2,048 bytes.';

comment on column public.keyword_research.intent is
    'Search intent: informational, navigational, commercial or transactional. At most 2,048 bytes.';

comment on column public.keyword_research.trend is
    'Monthly search volumes, oldest first: [{"month": "2025-09", "volume": 880}, ...]. At most 1,000,000 bytes (as text).';

comment on column public.keyword_research.source is
    'Tool or API the figures came from. At most 2,048 bytes.';

comment on column public.knowledge_buckets.name is
    'At most 2,048 bytes.';

comment on column public.knowledge_buckets.description is
    'At most 20,000 bytes.';

comment on column public.knowledge_buckets.bucket_type is
    'At most 2,048 bytes.';

comment on column public.knowledge_chunks.content is
    'At most 200,000 bytes.';

comment on column public.knowledge_chunks.metadata is
    'At most 1,000,000 bytes (as text).';

comment on column public.knowledge_documents.title is
    'At most 2,048 bytes.';

comment on column public.knowledge_documents.source_type is
    'At most 2,048 bytes.';

comment on column public.knowledge_documents.source_url is
    'At most 2,048 bytes.';

comment on column public.knowledge_documents.storage_path is
    'Path of the uploaded source file in storage, under the owner''s folder: <user id>/... (checked). At most 2,048 bytes.';

comment on column public.knowledge_documents.mime_type is
    'At most 2,048 bytes.';

comment on column public.knowledge_documents.metadata is
    'At most 1,000,000 bytes (as text).';

comment on column public.lead_activities.activity_type is
    'At most 2,048 bytes.';

comment on column public.lead_activities.activity_data is
    'Details of the interaction, matched by scoring rules'' conditions, e.g. {"page": "/pricing"}. At most 1,000,000 bytes (as text).';

comment on column public.lead_scoring_rules.rule_name is
    'At most 2,048 bytes.';

comment on column public.lead_scoring_rules.activity_type is
    'At most 2,048 bytes.';

comment on column public.lead_scoring_rules.conditions is
    'JSON the activity_data must contain (jsonb @>), e.g. {"page": "/pricing"}; {} matches every activity of the type. At most 1,000,000 bytes (as text).';

comment on column public.leads.email is
    'At most 2,048 bytes.';

comment on column public.leads.first_name is
    'At most 2,048 bytes.';

comment on column public.leads.last_name is
    'At most 2,048 bytes.';

comment on column public.leads.company is
    'At most 2,048 bytes.';

comment on column public.leads.job_title is
    'At most 2,048 bytes.';

comment on column public.leads.phone is
    'At most 2,048 bytes.';

comment on column public.leads.source is
    'At most 2,048 bytes.';

comment on column public.leads.status is
    'Sales stage: new, contacted, qualified, converted or lost. Not a strict lifecycle: sales teams move leads back and forth (a lost lead is re-engaged, a qualified one drops back to contacted), so every move is allowed. At most 2,048 bytes.';

comment on column public.leads.custom_fields is
    'User-defined attributes, e.g. {"industry": "retail"}. At most 1,000,000 bytes (as text).';

comment on column public.leads.notes is
    'At most 20,000 bytes.';

comment on column public.marketing_autopilot_config.business_description is
    'What the business sells, in the user''s words; the input of the AI strategy. At most 20,000 bytes.';

comment on column public.marketing_autopilot_config.target_audience is
    'Who the user wants to reach, in the user''s words. At most 20,000 bytes.';

comment on column public.marketing_autopilot_config.goals is
    'Array of goals, e.g. [{"metric": "leads", "target": 50, "period": "month"}]. At most 1,000,000 bytes (as text).';

comment on column public.marketing_autopilot_config.ai_strategy is
    'The AI-generated strategy (channels, messaging, cadence) derived from the description, audience and goals. At most 1,000,000 bytes (as text).';

comment on column public.oauth_states.platform_name is
    'At most 2,048 bytes.';

comment on column public.oauth_states.state is
    'Random state token sent to the provider and checked on the redirect back; unique. At most 2,048 bytes.';

comment on column public.oauth_states.redirect_uri is
    'Where the provider redirects back; the token exchange must repeat it. At most 2,048 bytes.';

comment on column public.oauth_states.code_verifier is
    'PKCE verifier for the token exchange; server-side only. At most 2,048 bytes.';

comment on column public.performance_analytics.entity_type is
    'At most 2,048 bytes.';

comment on column public.performance_analytics.granularity is
    'Length of the period the row aggregates: day, week or month. At most 2,048 bytes.';

comment on column public.performance_analytics.metrics is
    'Aggregates for the period, e.g. {"leads": 40, "spend": 300, "roi": 2.1}. At most 1,000,000 bytes (as text).';

comment on column public.performance_tracking_frameworks.campaign_name is
    'The campaign as named in the framework; kept when the linked campaign is deleted. At most 2,048 bytes.';

comment on column public.performance_tracking_frameworks.tracking_framework is
    'KPI definitions, e.g. {"kpis": [{"name": "cpl", "target": 20, "source": "ads"}]}; kpis, when present, is an array. At most 1,000,000 bytes (as text).';

comment on column public.proposal_templates.name is
    'At most 2,048 bytes.';

comment on column public.proposal_templates.description is
    'At most 20,000 bytes.';

comment on column public.proposal_templates.industry is
    'Target client industry the template is tailored to. At most 2,048 bytes.';

comment on column public.proposal_templates.service_type is
    'Service the proposal sells, e.g. seo, paid_social, retainer. At most 2,048 bytes.';

comment on column public.proposal_templates.sections is
    'Ordered array of sections: {"key", "title", "body", "required"}; body may hold {{placeholders}}. At most 1,000,000 bytes (as text).';

comment on column public.proposal_templates.pricing is
    'Default pricing model: {"model": "fixed|hourly|retainer", "items": [{"name", "amount"}]}. At most 1,000,000 bytes (as text).';

comment on column public.proposal_templates.terms is
    'At most 20,000 bytes.';

comment on column public.proposal_templates.currency is
    'ISO 4217 currency code for pricing. At most 2,048 bytes.';

comment on column public.real_time_metrics.entity_type is
    'At most 2,048 bytes.';

comment on column public.real_time_metrics.metric_name is
    'At most 2,048 bytes.';

comment on column public.research_notes.title is
    'At most 2,048 bytes.';

comment on column public.research_notes.note is
    'The user''s note. At most 20,000 bytes.';

comment on column public.research_notes.source_excerpt is
    'Copy of the flagged answer text, kept when the message is deleted. At most 200,000 bytes.';

comment on column public.research_notes.flag_reason is
    'Why it was flagged: insightful, inaccurate, needs_verification, follow_up or other. At most 20,000 bytes.';

comment on column public.social_platform_connections.platform is
    'At most 2,048 bytes.';

comment on column public.social_platform_connections.account_id is
    'The account or page id on the platform. At most 2,048 bytes.';

comment on column public.social_platform_connections.account_handle is
    'The public handle, e.g. @acme. At most 2,048 bytes.';

comment on column public.social_platform_connections.account_type is
    'At most 2,048 bytes.';

comment on column public.social_platform_connections.status is
    'At most 2,048 bytes.';

comment on column public.social_platform_connections.metadata is
    'Platform-specific profile data (display name, avatar URL, page category...). At most 1,000,000 bytes (as text).';

comment on column public.support_tickets.contact_email is
    'At most 2,048 bytes.';

comment on column public.support_tickets.contact_name is
    'At most 2,048 bytes.';

comment on column public.support_tickets.subject is
    'At most 2,048 bytes.';

comment on column public.support_tickets.description is
    'At most 20,000 bytes.';

comment on column public.support_tickets.category is
    'At most 2,048 bytes.';

comment on column public.user_analytics_events.event_type is
    'What happened; the field_* and form_* events locate friction in forms. At most 2,048 bytes.';

comment on column public.user_analytics_events.page is
    'Route or page name where the event happened. At most 2,048 bytes.';

comment on column public.user_analytics_events.form_id is
    'Form the event belongs to, if any. At most 2,048 bytes.';

comment on column public.user_analytics_events.field is
    'Form field the event concerns, if any (requires form_id). At most 2,048 bytes.';

comment on column public.user_analytics_events.session_id is
    'Client session id, to group a visit''s events. At most 2,048 bytes.';

comment on column public.user_analytics_events.metadata is
    'Extra event data (error message, viewport, previous value length, ...). At most 1,000,000 bytes (as text).';

comment on column public.user_preferences.interface_mode is
    'simple shows the autopilot-first interface, advanced the full campaign tooling. At most 2,048 bytes.';

comment on column public.user_preferences.theme is
    'At most 2,048 bytes.';

comment on column public.user_preferences.language is
    'At most 2,048 bytes.';

comment on column public.user_preferences.timezone is
    'IANA time zone name used to display dates, e.g. Europe/Berlin. At most 2,048 bytes.';

comment on column public.user_preferences.notification_preferences is
    'At most 1,000,000 bytes (as text).';

comment on column public.user_preferences.dashboard_layout is
    'At most 1,000,000 bytes (as text).';

comment on column public.user_secrets.service_name is
    'Service the key is for, as a slug: openai, google_gemini, anthropic... At most 2,048 bytes.';

comment on column public.user_secrets.key_hint is
    'The last characters of the key, shown so users can tell keys apart. At most 2,048 bytes.';

comment on column public.webhooks.name is
    'At most 2,048 bytes.';

comment on column public.webhooks.url is
    'The receiving endpoint; HTTPS only, so payloads and signatures never travel in clear text. At most 2,048 bytes.';

comment on column public.workflow_executions.workflow_type is
    'At most 2,048 bytes.';

comment on column public.workflow_executions.status is
    'Lifecycle: pending -> running -> completed | failed; pending or running -> cancelled. At most 2,048 bytes.';

comment on column public.workflow_executions.input is
    'At most 1,000,000 bytes (as text).';

comment on column public.workflow_executions.steps is
    'Array of step records: [{"name": ..., "status": ..., "at": ...}]. At most 1,000,000 bytes (as text).';

comment on column public.workflow_executions.output is
    'At most 1,000,000 bytes (as text).';

comment on column public.workflow_executions.error_message is
    'At most 20,000 bytes.';
