-- sql/migrations/0017_validate_constraints.sql
-- Validates the checks 0015 added NOT VALID, each in a transaction of its
-- own file's, so the scans hold no lock that blocks writes; and turns the
-- unique index 0016 built into performance_analytics' unique constraint.

alter table public.competitive_gap_analyses validate constraint competitive_gap_analyses_competitors_check;

alter table public.performance_tracking_frameworks
    validate constraint performance_tracking_frameworks_tracking_framework_is_object;

alter table public.webhooks validate constraint webhooks_events_check;

alter table public.funnel_designs validate constraint funnel_designs_funnel_stage_lists_check;

alter table public.generated_content_pieces validate constraint generated_content_pieces_published_at_check;

alter table public.knowledge_access_logs validate constraint knowledge_access_logs_query_hash_check;

alter table public.leads validate constraint leads_converted_at_check;

alter table public.oauth_states validate constraint oauth_states_used_at_check;

alter table public.social_platform_connections validate constraint social_platform_connections_following_count_check;

alter table public.workflow_executions validate constraint workflow_executions_times_check;

alter table public.performance_analytics
    add constraint performance_analytics_entity_period_key
    unique using index performance_analytics_entity_period_key;
