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
