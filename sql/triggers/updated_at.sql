-- sql/triggers/updated_at.sql
-- Every table with an updated_at column stamps it on update through the
-- shared update_updated_at_column() function. One trigger per table, grouped
-- by the migration that creates the table.

-- 0001_user_management
create or replace trigger user_preferences_updated_at
    before update on public.user_preferences
    for each row execute function public.update_updated_at_column();

create or replace trigger user_secrets_updated_at
    before update on public.user_secrets
    for each row execute function public.update_updated_at_column();

create or replace trigger user_privacy_settings_updated_at
    before update on public.user_privacy_settings
    for each row execute function public.update_updated_at_column();

-- 0002_campaigns
create or replace trigger campaigns_updated_at
    before update on public.campaigns
    for each row execute function public.update_updated_at_column();

create or replace trigger campaign_tasks_updated_at
    before update on public.campaign_tasks
    for each row execute function public.update_updated_at_column();

create or replace trigger campaign_metrics_updated_at
    before update on public.campaign_metrics
    for each row execute function public.update_updated_at_column();

create or replace trigger campaign_performance_monitor_updated_at
    before update on public.campaign_performance_monitor
    for each row execute function public.update_updated_at_column();

create or replace trigger generated_content_pieces_updated_at
    before update on public.generated_content_pieces
    for each row execute function public.update_updated_at_column();

create or replace trigger workflow_executions_updated_at
    before update on public.workflow_executions
    for each row execute function public.update_updated_at_column();

-- 0003_leads
create or replace trigger leads_updated_at
    before update on public.leads
    for each row execute function public.update_updated_at_column();

create or replace trigger lead_scoring_rules_updated_at
    before update on public.lead_scoring_rules
    for each row execute function public.update_updated_at_column();

create or replace trigger autopilot_lead_inbox_updated_at
    before update on public.autopilot_lead_inbox
    for each row execute function public.update_updated_at_column();

-- 0004_content_assets
create or replace trigger digital_assets_updated_at
    before update on public.digital_assets
    for each row execute function public.update_updated_at_column();

create or replace trigger brand_assets_updated_at
    before update on public.brand_assets
    for each row execute function public.update_updated_at_column();

create or replace trigger content_templates_updated_at
    before update on public.content_templates
    for each row execute function public.update_updated_at_column();

create or replace trigger proposal_templates_updated_at
    before update on public.proposal_templates
    for each row execute function public.update_updated_at_column();

create or replace trigger content_calendar_updated_at
    before update on public.content_calendar
    for each row execute function public.update_updated_at_column();

-- 0005_communication
create or replace trigger email_templates_updated_at
    before update on public.email_templates
    for each row execute function public.update_updated_at_column();

create or replace trigger email_campaigns_updated_at
    before update on public.email_campaigns
    for each row execute function public.update_updated_at_column();

create or replace trigger email_contacts_updated_at
    before update on public.email_contacts
    for each row execute function public.update_updated_at_column();

create or replace trigger email_automation_rules_updated_at
    before update on public.email_automation_rules
    for each row execute function public.update_updated_at_column();

create or replace trigger chat_sessions_updated_at
    before update on public.chat_sessions
    for each row execute function public.update_updated_at_column();

create or replace trigger chat_messages_updated_at
    before update on public.chat_messages
    for each row execute function public.update_updated_at_column();

create or replace trigger conversations_updated_at
    before update on public.conversations
    for each row execute function public.update_updated_at_column();

-- 0006_knowledge
create or replace trigger knowledge_buckets_updated_at
    before update on public.knowledge_buckets
    for each row execute function public.update_updated_at_column();

create or replace trigger knowledge_documents_updated_at
    before update on public.knowledge_documents
    for each row execute function public.update_updated_at_column();

-- 0007_conversation_intelligence
create or replace trigger conversation_messages_updated_at
    before update on public.conversation_messages
    for each row execute function public.update_updated_at_column();

create or replace trigger conversation_knowledge_refs_updated_at
    before update on public.conversation_knowledge_refs
    for each row execute function public.update_updated_at_column();

create or replace trigger research_notes_updated_at
    before update on public.research_notes
    for each row execute function public.update_updated_at_column();

-- 0008_integrations
create or replace trigger webhooks_updated_at
    before update on public.webhooks
    for each row execute function public.update_updated_at_column();

create or replace trigger integration_connections_updated_at
    before update on public.integration_connections
    for each row execute function public.update_updated_at_column();

create or replace trigger oauth_connections_updated_at
    before update on public.oauth_connections
    for each row execute function public.update_updated_at_column();

create or replace trigger social_platform_connections_updated_at
    before update on public.social_platform_connections
    for each row execute function public.update_updated_at_column();

-- 0009_ai_automation
create or replace trigger marketing_autopilot_config_updated_at
    before update on public.marketing_autopilot_config
    for each row execute function public.update_updated_at_column();

create or replace trigger autopilot_weekly_reports_updated_at
    before update on public.autopilot_weekly_reports
    for each row execute function public.update_updated_at_column();

create or replace trigger campaign_copilot_sessions_updated_at
    before update on public.campaign_copilot_sessions
    for each row execute function public.update_updated_at_column();

create or replace trigger ai_interaction_feedback_updated_at
    before update on public.ai_interaction_feedback
    for each row execute function public.update_updated_at_column();

create or replace trigger agent_learning_data_updated_at
    before update on public.agent_learning_data
    for each row execute function public.update_updated_at_column();

create or replace trigger ai_video_projects_updated_at
    before update on public.ai_video_projects
    for each row execute function public.update_updated_at_column();

create or replace trigger ai_video_jobs_updated_at
    before update on public.ai_video_jobs
    for each row execute function public.update_updated_at_column();

create or replace trigger ai_model_configs_updated_at
    before update on public.ai_model_configs
    for each row execute function public.update_updated_at_column();

-- 0010_analytics
create or replace trigger analytics_reports_updated_at
    before update on public.analytics_reports
    for each row execute function public.update_updated_at_column();

create or replace trigger ai_insights_updated_at
    before update on public.ai_insights
    for each row execute function public.update_updated_at_column();

create or replace trigger keyword_research_updated_at
    before update on public.keyword_research
    for each row execute function public.update_updated_at_column();

-- 0011_strategic_marketing
create or replace trigger brand_positioning_analyses_updated_at
    before update on public.brand_positioning_analyses
    for each row execute function public.update_updated_at_column();

create or replace trigger funnel_designs_updated_at
    before update on public.funnel_designs
    for each row execute function public.update_updated_at_column();

create or replace trigger competitive_gap_analyses_updated_at
    before update on public.competitive_gap_analyses
    for each row execute function public.update_updated_at_column();

create or replace trigger performance_tracking_frameworks_updated_at
    before update on public.performance_tracking_frameworks
    for each row execute function public.update_updated_at_column();

-- 0012_support_privacy
create or replace trigger support_tickets_updated_at
    before update on public.support_tickets
    for each row execute function public.update_updated_at_column();
