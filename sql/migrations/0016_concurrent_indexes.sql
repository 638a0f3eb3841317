-- schema_tool: no-transaction
-- sql/migrations/0016_concurrent_indexes.sql
-- Indexes for the task list, the inbox, the token refresher, expired-state
-- purging, the report queue and reading purges, built without blocking
-- writes. The knowledge chunks' HNSW index goes: per-user search ranks a
-- tenant's chunks exactly through the tenant btree (docs/knowledge-search.md).
-- No transaction, so each statement says "if (not) exists": a run stopped
-- half way can simply run again.
-- schema_tool: ignore squawk-ban-concurrent-index-creation-in-transaction (the first line runs this file outside one)

create index concurrently if not exists campaign_tasks_created_by_created_at_idx
    on public.campaign_tasks (created_by, created_at desc);

create index concurrently if not exists autopilot_lead_inbox_user_id_idx
    on public.autopilot_lead_inbox (user_id);

-- the composite foreign key to the document (and its cascade)
create index concurrently if not exists knowledge_chunks_document_id_user_id_idx
    on public.knowledge_chunks (document_id, user_id);

drop index concurrently if exists public.knowledge_chunks_embedding_idx;

-- the token refresher: active grants by expiry
create index concurrently if not exists oauth_connections_expires_at_idx
    on public.oauth_connections (expires_at)
    where is_active and expires_at is not null;

-- purging expired states
create index concurrently if not exists oauth_states_expires_at_idx
    on public.oauth_states (expires_at);

create index concurrently if not exists social_platform_connections_user_id_status_idx
    on public.social_platform_connections (user_id, status);

-- the generator's queue: reports still to produce, oldest first
create index concurrently if not exists analytics_reports_queue_idx
    on public.analytics_reports (created_at)
    where status in ('pending', 'generating');

-- purging old readings: the table is append-mostly, so recorded_at follows the physical order
create index concurrently if not exists real_time_metrics_recorded_at_idx
    on public.real_time_metrics using brin (recorded_at);

create index concurrently if not exists ai_insights_user_id_created_at_idx
    on public.ai_insights (user_id, created_at desc);

-- one aggregate per entity and period; 0017 makes it the table's unique constraint
create unique index concurrently if not exists performance_analytics_entity_period_key
    on public.performance_analytics (user_id, entity_type, entity_id, granularity, period_start) nulls not distinct;
