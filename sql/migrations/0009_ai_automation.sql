-- sql/migrations/0009_ai_automation.sql
-- AI and automation: the marketing autopilot (config, weekly reports, activity log), campaign copilot, AI feedback and learning, AI video generation, the AI model catalogue and user interaction analytics.

-- marketing_autopilot_config ------------------------------------------------

create table public.marketing_autopilot_config (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    business_description text not null
        constraint marketing_autopilot_config_business_description_not_blank
        check (btrim(business_description) <> ''),
    target_audience text,
    monthly_budget numeric(12, 2) not null default 0
        constraint marketing_autopilot_config_monthly_budget_check check (monthly_budget >= 0),
    goals jsonb not null default '[]'
        constraint marketing_autopilot_config_goals_is_array check (jsonb_typeof(goals) = 'array'),
    ai_strategy jsonb not null default '{}'
        constraint marketing_autopilot_config_ai_strategy_is_object
        check (jsonb_typeof(ai_strategy) = 'object'),
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint marketing_autopilot_config_user_id_key unique (user_id)
);

comment on table public.marketing_autopilot_config is
    'Marketing autopilot settings, one row per user. While is_active, the daily optimisation and the weekly report run for the user.';
comment on column public.marketing_autopilot_config.business_description is
    'What the business sells, in the user''s words; the input of the AI strategy.';
comment on column public.marketing_autopilot_config.target_audience is
    'Who the user wants to reach, in the user''s words.';
comment on column public.marketing_autopilot_config.monthly_budget is
    'Ceiling for the summed budgets of the user''s active auto-managed campaigns; the autopilot never raises a budget beyond it.';
comment on column public.marketing_autopilot_config.goals is
    'Array of goals, e.g. [{"metric": "leads", "target": 50, "period": "month"}].';
comment on column public.marketing_autopilot_config.ai_strategy is
    'The AI-generated strategy (channels, messaging, cadence) derived from the description, audience and goals.';
comment on column public.marketing_autopilot_config.is_active is
    'The autopilot works for this user only while true; the cron jobs pick active configs only.';

create index marketing_autopilot_config_user_id_is_active_idx
    on public.marketing_autopilot_config (user_id, is_active);

alter table public.marketing_autopilot_config enable row level security;

-- autopilot_weekly_reports --------------------------------------------------

create table public.autopilot_weekly_reports (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    week_start_date date not null
        constraint autopilot_weekly_reports_week_start_date_is_monday
        check (extract(isodow from week_start_date) = 1),
    total_leads_generated integer not null default 0
        constraint autopilot_weekly_reports_total_leads_generated_check
        check (total_leads_generated >= 0),
    total_spend numeric(12, 2) not null default 0
        constraint autopilot_weekly_reports_total_spend_check check (total_spend >= 0),
    total_revenue numeric(12, 2) not null default 0
        constraint autopilot_weekly_reports_total_revenue_check check (total_revenue >= 0),
    roi numeric(12, 4),
    top_performing_channel text,
    ai_insights jsonb not null default '{}'
        constraint autopilot_weekly_reports_ai_insights_is_object
        check (jsonb_typeof(ai_insights) = 'object'),
    generated_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint autopilot_weekly_reports_user_id_week_start_date_key unique (user_id, week_start_date)
);

comment on table public.autopilot_weekly_reports is
    'Weekly autopilot performance summary per user, one row per ISO week (Monday to Sunday, UTC). Written by public.generate_autopilot_weekly_report().';
comment on column public.autopilot_weekly_reports.week_start_date is
    'Monday of the reported week; the week covers this date and the six days after it (UTC).';
comment on column public.autopilot_weekly_reports.total_leads_generated is
    'Leads the user created during the week (public.leads.created_at).';
comment on column public.autopilot_weekly_reports.total_spend is
    'Summed public.campaign_metrics.spend of the user''s campaigns for the week''s metric dates.';
comment on column public.autopilot_weekly_reports.total_revenue is
    'Summed public.campaign_metrics.revenue of the user''s campaigns for the week''s metric dates.';
comment on column public.autopilot_weekly_reports.roi is
    'Return on investment (total_revenue - total_spend) / total_spend; NULL when nothing was spent.';
comment on column public.autopilot_weekly_reports.top_performing_channel is
    'Campaign channel with the most leads that week (then the most revenue, then by name); NULL when no channel produced either.';
comment on column public.autopilot_weekly_reports.ai_insights is
    'Derived insights: previous week''s figures, changes, per-channel breakdown and highlights.';
comment on column public.autopilot_weekly_reports.generated_at is
    'When the report was last (re)computed.';

-- the unique (user_id, week_start_date) index also serves the tenant lookups

alter table public.autopilot_weekly_reports enable row level security;

-- autopilot_activity_log ----------------------------------------------------

create table public.autopilot_activity_log (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    activity_type text not null
        constraint autopilot_activity_log_activity_type_check
        check (activity_type in (
            'campaign_created', 'campaign_paused', 'campaign_resumed', 'budget_adjusted',
            'content_generated', 'lead_captured', 'video_generated', 'strategy_updated',
            'suggestion_made', 'optimization_run', 'report_generated'
        )),
    activity_description text not null
        constraint autopilot_activity_log_activity_description_not_blank
        check (btrim(activity_description) <> ''),
    entity_type text
        constraint autopilot_activity_log_entity_type_check
        check (entity_type in ('campaign', 'ad', 'lead', 'content', 'video', 'report', 'config')),
    entity_id uuid,
    metadata jsonb not null default '{}'
        constraint autopilot_activity_log_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    constraint autopilot_activity_log_entity_check check ((entity_type is null) = (entity_id is null))
);

comment on table public.autopilot_activity_log is
    'Audit trail of everything the autopilot did for a user (campaigns paused, budgets adjusted, reports generated, runs). Written by the autopilot functions; users read their own rows only.';
comment on column public.autopilot_activity_log.activity_type is
    'What happened; optimization_run and report_generated mark the runs of the scheduled routines.';
comment on column public.autopilot_activity_log.activity_description is
    'Human-readable sentence shown in the activity feed.';
comment on column public.autopilot_activity_log.entity_type is
    'Kind of object the activity concerns (campaign, ad, lead, ...); NULL when it concerns none.';
comment on column public.autopilot_activity_log.entity_id is
    'Id of that object. Polymorphic, hence no foreign key.';
comment on column public.autopilot_activity_log.metadata is
    'Impact figures and inputs of the decision, e.g. {"old_budget": 100, "new_budget": 120, "roi_7d": 2.5}.';

create index autopilot_activity_log_user_id_created_at_idx
    on public.autopilot_activity_log (user_id, created_at desc);
create index autopilot_activity_log_entity_idx
    on public.autopilot_activity_log (entity_type, entity_id, created_at desc)
    where entity_id is not null;
create index autopilot_activity_log_activity_type_created_at_idx
    on public.autopilot_activity_log (activity_type, created_at desc);

alter table public.autopilot_activity_log enable row level security;

-- campaign_copilot_sessions -------------------------------------------------

create table public.campaign_copilot_sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    title text,
    status text not null default 'active'
        constraint campaign_copilot_sessions_status_check
        check (status in ('active', 'completed', 'abandoned')),
    current_step text not null default 'goal'
        constraint campaign_copilot_sessions_current_step_check
        check (current_step in ('goal', 'audience', 'channels', 'budget', 'content', 'review')),
    messages jsonb not null default '[]'
        constraint campaign_copilot_sessions_messages_is_array check (jsonb_typeof(messages) = 'array'),
    session_data jsonb not null default '{}'
        constraint campaign_copilot_sessions_session_data_is_object
        check (jsonb_typeof(session_data) = 'object'),
    completed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint campaign_copilot_sessions_completed_at_check
        check ((status = 'completed') = (completed_at is not null)),
    constraint campaign_copilot_sessions_id_user_id_key unique (id, user_id),
    constraint campaign_copilot_sessions_campaign_fkey
        foreign key (campaign_id, user_id) references public.campaigns (id, created_by)
        on delete set null (campaign_id)
);

comment on table public.campaign_copilot_sessions is
    'AI-assisted campaign design sessions: the step-by-step conversation in which the copilot drafts a campaign with the user.';
comment on column public.campaign_copilot_sessions.campaign_id is
    'The campaign the session created or works on; NULL until one exists (set to NULL if it is deleted).';
comment on column public.campaign_copilot_sessions.status is
    'active -> completed, active -> abandoned, abandoned -> active (resumed).';
comment on column public.campaign_copilot_sessions.current_step is
    'Wizard step the session is at.';
comment on column public.campaign_copilot_sessions.messages is
    'The conversation: array of {"role": "user"|"assistant", "content": ..., "at": ...}.';
comment on column public.campaign_copilot_sessions.session_data is
    'The campaign draft gathered so far (goal, audience, channels, budget, content ideas).';
comment on column public.campaign_copilot_sessions.completed_at is
    'When the session was completed; set exactly when status is completed.';

create index campaign_copilot_sessions_user_id_created_at_idx
    on public.campaign_copilot_sessions (user_id, created_at desc);
create index campaign_copilot_sessions_campaign_id_user_id_idx
    on public.campaign_copilot_sessions (campaign_id, user_id)
    where campaign_id is not null;

alter table public.campaign_copilot_sessions enable row level security;

-- ai_interaction_feedback ---------------------------------------------------

create table public.ai_interaction_feedback (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    copilot_session_id uuid,
    feature text not null
        constraint ai_interaction_feedback_feature_check
        check (feature in (
            'campaign_copilot', 'content_generation', 'autopilot', 'chat', 'lead_scoring',
            'video_generation', 'strategy', 'other'
        )),
    suggestion_type text,
    suggestion_id uuid,
    ai_suggestion jsonb not null default '{}'
        constraint ai_interaction_feedback_ai_suggestion_is_object
        check (jsonb_typeof(ai_suggestion) = 'object'),
    rating smallint
        constraint ai_interaction_feedback_rating_check check (rating between 1 and 5),
    was_accepted boolean,
    feedback_text text,
    context jsonb not null default '{}'
        constraint ai_interaction_feedback_context_is_object check (jsonb_typeof(context) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ai_interaction_feedback_has_feedback
        check (rating is not null or was_accepted is not null or feedback_text is not null),
    constraint ai_interaction_feedback_copilot_session_fkey
        foreign key (copilot_session_id, user_id)
        references public.campaign_copilot_sessions (id, user_id)
        on delete set null (copilot_session_id)
);

comment on table public.ai_interaction_feedback is
    'User feedback on an AI suggestion (rating, accepted or not, free text); the input of agent learning.';
comment on column public.ai_interaction_feedback.copilot_session_id is
    'The copilot session the suggestion came from, if any.';
comment on column public.ai_interaction_feedback.feature is
    'Product feature that produced the suggestion.';
comment on column public.ai_interaction_feedback.suggestion_type is
    'Finer kind of suggestion within the feature, e.g. headline, budget_split, audience.';
comment on column public.ai_interaction_feedback.suggestion_id is
    'Id of the object holding the suggestion, if it is stored elsewhere. Polymorphic, hence no foreign key.';
comment on column public.ai_interaction_feedback.ai_suggestion is
    'A copy of the suggestion as shown to the user.';
comment on column public.ai_interaction_feedback.rating is
    'Star rating 1 (useless) to 5 (excellent).';
comment on column public.ai_interaction_feedback.was_accepted is
    'Whether the user applied the suggestion.';
comment on column public.ai_interaction_feedback.context is
    'What the AI knew when suggesting (prompt parameters, model, page).';

create index ai_interaction_feedback_user_id_created_at_idx
    on public.ai_interaction_feedback (user_id, created_at desc);
create index ai_interaction_feedback_copilot_session_id_user_id_idx
    on public.ai_interaction_feedback (copilot_session_id, user_id)
    where copilot_session_id is not null;
create index ai_interaction_feedback_feature_rating_idx
    on public.ai_interaction_feedback (feature, rating);

alter table public.ai_interaction_feedback enable row level security;

-- agent_learning_data -------------------------------------------------------

create table public.agent_learning_data (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    agent_type text not null
        constraint agent_learning_data_agent_type_check
        check (agent_type in (
            'campaign_copilot', 'content_writer', 'autopilot', 'lead_scorer', 'chat_assistant',
            'video_director'
        )),
    pattern_type text not null
        constraint agent_learning_data_pattern_type_check
        check (pattern_type in (
            'preference', 'success_pattern', 'failure_pattern', 'audience_insight', 'content_style',
            'timing'
        )),
    pattern_key text not null
        constraint agent_learning_data_pattern_key_not_blank check (btrim(pattern_key) <> ''),
    pattern_data jsonb not null default '{}'
        constraint agent_learning_data_pattern_data_is_object check (jsonb_typeof(pattern_data) = 'object'),
    confidence_score numeric(5, 4) not null default 0
        constraint agent_learning_data_confidence_score_check check (confidence_score between 0 and 1),
    observation_count integer not null default 1
        constraint agent_learning_data_observation_count_check check (observation_count >= 1),
    last_observed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint agent_learning_data_user_id_agent_type_pattern_key_key
        unique (user_id, agent_type, pattern_key)
);

comment on table public.agent_learning_data is
    'Patterns the AI agents learned about a user from interactions and feedback (preferences, what works, what fails). Written by the system; users may read and delete theirs.';
comment on column public.agent_learning_data.agent_type is
    'The agent that learned the pattern and uses it.';
comment on column public.agent_learning_data.pattern_type is
    'Kind of pattern: preference, success_pattern, failure_pattern, audience_insight, content_style or timing.';
comment on column public.agent_learning_data.pattern_key is
    'Stable name of the pattern within the agent (e.g. tone_of_voice), so re-learning updates the same row.';
comment on column public.agent_learning_data.pattern_data is
    'The learned pattern itself.';
comment on column public.agent_learning_data.confidence_score is
    'How sure the agent is, 0 to 1.';
comment on column public.agent_learning_data.observation_count is
    'How many interactions support the pattern.';

-- the unique (user_id, agent_type, pattern_key) index also serves the tenant lookups

alter table public.agent_learning_data enable row level security;

-- ai_video_projects ---------------------------------------------------------

create table public.ai_video_projects (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    title text,
    goal text not null
        constraint ai_video_projects_goal_not_blank check (btrim(goal) <> ''),
    platform text not null
        constraint ai_video_projects_platform_check
        check (platform in ('YouTubeShort', 'TikTok', 'Reels', 'Landscape')),
    duration_s integer not null
        constraint ai_video_projects_duration_s_check check (duration_s between 1 and 120),
    brand_kit jsonb not null default '{}'
        constraint ai_video_projects_brand_kit_is_object check (jsonb_typeof(brand_kit) = 'object'),
    scene_plan jsonb not null default '[]'
        constraint ai_video_projects_scene_plan_is_array check (jsonb_typeof(scene_plan) = 'array'),
    status text not null default 'draft'
        constraint ai_video_projects_status_check
        check (status in (
            'draft', 'planning', 'generating_images', 'generating_video', 'completed', 'failed'
        )),
    auto_generated boolean not null default false,
    video_url text,
    cost_usd numeric(12, 4) not null default 0
        constraint ai_video_projects_cost_usd_check check (cost_usd >= 0),
    error_message text,
    completed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ai_video_projects_completed_at_check
        check ((status = 'completed') = (completed_at is not null)),
    -- lets ai_video_jobs tie their tenant to this row's tenant
    constraint ai_video_projects_id_user_id_key unique (id, user_id),
    constraint ai_video_projects_campaign_fkey
        foreign key (campaign_id, user_id) references public.campaigns (id, created_by)
        on delete set null (campaign_id)
);

comment on table public.ai_video_projects is
    'AI video generation projects: a goal turned into a scene plan, images (Nano Banana) and a video (Veo 3). Status follows its jobs.';
comment on column public.ai_video_projects.campaign_id is
    'Campaign the video is made for, if any (set to NULL if the campaign is deleted).';
comment on column public.ai_video_projects.goal is
    'What the video should achieve, in the user''s words.';
comment on column public.ai_video_projects.platform is
    'Target format: YouTubeShort, TikTok, Reels (9:16) or Landscape (16:9).';
comment on column public.ai_video_projects.duration_s is
    'Requested length in seconds, 1 to 120.';
comment on column public.ai_video_projects.brand_kit is
    'Styling: colours, fonts, logo URL, tone.';
comment on column public.ai_video_projects.scene_plan is
    'Array of scenes (prompt, duration, voice-over) produced in the planning step.';
comment on column public.ai_video_projects.status is
    'draft -> planning -> generating_images -> generating_video -> completed; any unfinished state -> failed. Enforced by trigger; job results move it forward.';
comment on column public.ai_video_projects.auto_generated is
    'True when the autopilot, not the user, started the project.';
comment on column public.ai_video_projects.video_url is
    'URL of the finished video (the video job''s result_url), usually in the ai-videos bucket.';
comment on column public.ai_video_projects.cost_usd is
    'Actual API cost: the sum of the jobs'' cost_usd, refreshed whenever a job finishes.';
comment on column public.ai_video_projects.error_message is
    'Why the project failed (the failing job''s error).';
comment on column public.ai_video_projects.completed_at is
    'When the project completed; set exactly when status is completed.';

create index ai_video_projects_user_id_created_at_idx
    on public.ai_video_projects (user_id, created_at desc);
create index ai_video_projects_campaign_id_user_id_idx
    on public.ai_video_projects (campaign_id, user_id)
    where campaign_id is not null;

alter table public.ai_video_projects enable row level security;

-- ai_video_jobs -------------------------------------------------------------

create table public.ai_video_jobs (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null,
    user_id uuid not null references auth.users (id) on delete cascade,
    job_type text not null
        constraint ai_video_jobs_job_type_check
        check (job_type in ('image_generation', 'video_generation')),
    scene_index integer
        constraint ai_video_jobs_scene_index_check check (scene_index >= 0),
    prompt text,
    veo_operation_id text,
    status text not null default 'pending'
        constraint ai_video_jobs_status_check
        check (status in ('pending', 'processing', 'completed', 'failed')),
    result_url text,
    cost_usd numeric(12, 4) not null default 0
        constraint ai_video_jobs_cost_usd_check check (cost_usd >= 0),
    error_message text,
    started_at timestamptz,
    completed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ai_video_jobs_completed_at_check
        check ((status in ('completed', 'failed')) = (completed_at is not null)),
    constraint ai_video_jobs_result_url_check
        check (status <> 'completed' or result_url is not null),
    constraint ai_video_jobs_veo_operation_id_key unique (veo_operation_id),
    constraint ai_video_jobs_project_fkey
        foreign key (project_id, user_id) references public.ai_video_projects (id, user_id)
        on delete cascade
);

comment on table public.ai_video_jobs is
    'Background generation jobs of a video project (one per image or video call). Written by the service; a finished job moves its project along.';
comment on column public.ai_video_jobs.user_id is
    'Owner; always the project''s owner (composite foreign key).';
comment on column public.ai_video_jobs.job_type is
    'image_generation (Nano Banana, one per scene) or video_generation (Veo 3).';
comment on column public.ai_video_jobs.scene_index is
    'Scene of the project''s scene_plan the job renders (0-based); NULL for the final video.';
comment on column public.ai_video_jobs.veo_operation_id is
    'Provider operation id polled for asynchronous jobs; unique.';
comment on column public.ai_video_jobs.status is
    'pending -> processing -> completed or failed (pending -> failed when submission fails). Enforced by trigger.';
comment on column public.ai_video_jobs.result_url is
    'Where the output was stored; required once completed.';
comment on column public.ai_video_jobs.cost_usd is
    'Actual API cost of the job (about $0.039 per image, $0.40-0.75 per video second).';
comment on column public.ai_video_jobs.started_at is
    'When the job started processing.';
comment on column public.ai_video_jobs.completed_at is
    'When the job finished (completed or failed); set exactly then.';

create index ai_video_jobs_user_id_created_at_idx
    on public.ai_video_jobs (user_id, created_at desc);
create index ai_video_jobs_project_id_user_id_idx
    on public.ai_video_jobs (project_id, user_id);
-- the poller's work queue
create index ai_video_jobs_unfinished_idx
    on public.ai_video_jobs (status, created_at)
    where status in ('pending', 'processing');

alter table public.ai_video_jobs enable row level security;

-- ai_model_configs ----------------------------------------------------------

create table public.ai_model_configs (
    id uuid primary key default gen_random_uuid(),
    provider text not null
        constraint ai_model_configs_provider_check
        check (provider in ('openai', 'anthropic', 'google', 'mistral')),
    model_name text not null
        constraint ai_model_configs_model_name_not_blank check (btrim(model_name) <> ''),
    display_name text,
    model_type text not null
        constraint ai_model_configs_model_type_check
        check (model_type in ('flagship', 'fast', 'reasoning', 'most_powerful', 'legacy')),
    is_active boolean not null default true,
    is_default boolean not null default false,
    capabilities jsonb not null default '{}'
        constraint ai_model_configs_capabilities_is_object check (jsonb_typeof(capabilities) = 'object'),
    pricing jsonb not null default '{}'
        constraint ai_model_configs_pricing_is_object check (jsonb_typeof(pricing) = 'object'),
    context_window integer
        constraint ai_model_configs_context_window_check check (context_window > 0),
    metadata jsonb not null default '{}'
        constraint ai_model_configs_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    last_seen_at timestamptz not null default now(),
    deprecated_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ai_model_configs_provider_model_name_key unique (provider, model_name),
    constraint ai_model_configs_default_is_active check (is_active or not is_default),
    constraint ai_model_configs_deprecated_is_inactive check (deprecated_at is null or not is_active)
);

comment on table public.ai_model_configs is
    'Catalogue of the AI models the platform can use, per provider, kept current by the monthly discovery run. Global: readable by every signed-in user, written by the service.';
comment on column public.ai_model_configs.provider is
    'openai, anthropic, google or mistral.';
comment on column public.ai_model_configs.model_name is
    'The provider''s API model id, e.g. gpt-5.';
comment on column public.ai_model_configs.model_type is
    'Tier: flagship, fast, reasoning, most_powerful or legacy.';
comment on column public.ai_model_configs.is_active is
    'False once the model disappeared from the provider''s list (deprecated) or was switched off.';
comment on column public.ai_model_configs.is_default is
    'The model used for this provider and model_type when none is chosen; at most one per provider and type, always active.';
comment on column public.ai_model_configs.capabilities is
    'Feature flags, e.g. {"vision": true, "function_calling": true, "streaming": true}.';
comment on column public.ai_model_configs.pricing is
    'List prices in USD per token: {"input_per_token": ..., "output_per_token": ..., "currency": "USD"}.';
comment on column public.ai_model_configs.context_window is
    'Maximum context length in tokens.';
comment on column public.ai_model_configs.last_seen_at is
    'When a discovery run last found the model at its provider.';
comment on column public.ai_model_configs.deprecated_at is
    'When a discovery run found the model gone; NULL while it is offered.';

create unique index ai_model_configs_one_default_idx
    on public.ai_model_configs (provider, model_type)
    where is_default;
create index ai_model_configs_provider_model_type_idx
    on public.ai_model_configs (provider, model_type)
    where is_active;

alter table public.ai_model_configs enable row level security;

-- ai_model_update_logs ------------------------------------------------------

create table public.ai_model_update_logs (
    id uuid primary key default gen_random_uuid(),
    run_date timestamptz not null default now(),
    models_discovered integer not null default 0
        constraint ai_model_update_logs_models_discovered_check check (models_discovered >= 0),
    models_added integer not null default 0
        constraint ai_model_update_logs_models_added_check check (models_added >= 0),
    models_deprecated integer not null default 0
        constraint ai_model_update_logs_models_deprecated_check check (models_deprecated >= 0),
    providers_checked text[] not null default '{}',
    execution_time_ms integer not null default 0
        constraint ai_model_update_logs_execution_time_ms_check check (execution_time_ms >= 0),
    details jsonb not null default '{}'
        constraint ai_model_update_logs_details_is_object check (jsonb_typeof(details) = 'object'),
    created_at timestamptz not null default now()
);

comment on table public.ai_model_update_logs is
    'One row per AI model discovery run (monthly): what was found, added and deprecated. Global, written by public.record_model_discovery().';
comment on column public.ai_model_update_logs.run_date is
    'When the run happened.';
comment on column public.ai_model_update_logs.models_discovered is
    'Models the providers listed in this run.';
comment on column public.ai_model_update_logs.models_added is
    'Models new to the catalogue.';
comment on column public.ai_model_update_logs.models_deprecated is
    'Active models no longer listed by their provider, now inactive.';
comment on column public.ai_model_update_logs.providers_checked is
    'Providers queried in this run; models of other providers were left alone.';
comment on column public.ai_model_update_logs.execution_time_ms is
    'How long recording the run took, in milliseconds.';
comment on column public.ai_model_update_logs.details is
    'Names of the models added, reactivated and deprecated, and defaults promoted.';

create index ai_model_update_logs_run_date_idx
    on public.ai_model_update_logs (run_date desc);

alter table public.ai_model_update_logs enable row level security;

-- user_analytics_events -----------------------------------------------------

create table public.user_analytics_events (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    event_type text not null
        constraint user_analytics_events_event_type_check
        check (event_type in (
            'page_view', 'click', 'form_start', 'field_focus', 'field_blur', 'field_error',
            'field_correction', 'form_submit', 'form_abandon', 'friction_point'
        )),
    page text not null
        constraint user_analytics_events_page_not_blank check (btrim(page) <> ''),
    form_id text,
    field text,
    duration_ms integer
        constraint user_analytics_events_duration_ms_check check (duration_ms >= 0),
    session_id text,
    metadata jsonb not null default '{}'
        constraint user_analytics_events_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    constraint user_analytics_events_field_needs_form check (field is null or form_id is not null)
);

comment on table public.user_analytics_events is
    'User interaction events (page views, clicks, form field focus, errors, abandons) used to find form friction points. Append-only: users add and read their own events.';
comment on column public.user_analytics_events.event_type is
    'What happened; the field_* and form_* events locate friction in forms.';
comment on column public.user_analytics_events.page is
    'Route or page name where the event happened.';
comment on column public.user_analytics_events.form_id is
    'Form the event belongs to, if any.';
comment on column public.user_analytics_events.field is
    'Form field the event concerns, if any (requires form_id).';
comment on column public.user_analytics_events.duration_ms is
    'Time spent, e.g. focus-to-blur on a field or start-to-abandon of a form, in milliseconds.';
comment on column public.user_analytics_events.session_id is
    'Client session id, to group a visit''s events.';
comment on column public.user_analytics_events.metadata is
    'Extra event data (error message, viewport, previous value length, ...).';

create index user_analytics_events_user_id_created_at_idx
    on public.user_analytics_events (user_id, created_at desc);
create index user_analytics_events_form_id_field_idx
    on public.user_analytics_events (form_id, field, event_type)
    where form_id is not null;

alter table public.user_analytics_events enable row level security;

-- reference data: the AI models discovered on 2025-10-28 --------------------
-- One default per provider and model type (the first listed), so
-- get_default_model() answers for every tier; the flagship default of each
-- provider is its main model. Prices are the providers' list prices per token
-- (USD) at that date.

insert into public.ai_model_configs
    (provider, model_name, display_name, model_type, is_default, context_window, capabilities, pricing)
values
    ('openai', 'gpt-5', 'GPT-5', 'flagship', true, 400000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.00000125, "output_per_token": 0.00001, "currency": "USD"}'),
    ('openai', 'gpt-5-mini', 'GPT-5 mini', 'fast', true, 400000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.00000025, "output_per_token": 0.000002, "currency": "USD"}'),
    ('openai', 'gpt-5-nano', 'GPT-5 nano', 'fast', false, 400000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.00000005, "output_per_token": 0.0000004, "currency": "USD"}'),
    ('openai', 'o3', 'o3', 'reasoning', true, 200000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.000002, "output_per_token": 0.000008, "currency": "USD"}'),
    ('openai', 'o4-mini', 'o4-mini', 'reasoning', false, 200000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.0000011, "output_per_token": 0.0000044, "currency": "USD"}'),
    ('openai', 'gpt-4.1', 'GPT-4.1', 'legacy', true, 1047576,
     '{"vision": true, "function_calling": true, "streaming": true}',
     '{"input_per_token": 0.000002, "output_per_token": 0.000008, "currency": "USD"}'),
    ('openai', 'gpt-4.1-mini', 'GPT-4.1 mini', 'legacy', false, 1047576,
     '{"vision": true, "function_calling": true, "streaming": true}',
     '{"input_per_token": 0.0000004, "output_per_token": 0.0000016, "currency": "USD"}'),
    ('anthropic', 'claude-sonnet-4.5', 'Claude Sonnet 4.5', 'flagship', true, 200000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.000003, "output_per_token": 0.000015, "currency": "USD"}'),
    ('anthropic', 'claude-opus-4.1', 'Claude Opus 4.1', 'most_powerful', true, 200000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.000015, "output_per_token": 0.000075, "currency": "USD"}'),
    ('anthropic', 'claude-haiku-4-5', 'Claude Haiku 4.5', 'fast', true, 200000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.000001, "output_per_token": 0.000005, "currency": "USD"}'),
    ('anthropic', 'claude-sonnet-4', 'Claude Sonnet 4', 'legacy', true, 200000,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.000003, "output_per_token": 0.000015, "currency": "USD"}'),
    ('google', 'gemini-2.5-pro', 'Gemini 2.5 Pro', 'flagship', true, 1048576,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.00000125, "output_per_token": 0.00001, "currency": "USD"}'),
    ('google', 'gemini-2.5-flash', 'Gemini 2.5 Flash', 'fast', true, 1048576,
     '{"vision": true, "function_calling": true, "streaming": true, "reasoning": true}',
     '{"input_per_token": 0.0000003, "output_per_token": 0.0000025, "currency": "USD"}'),
    ('google', 'gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', 'fast', false, 1048576,
     '{"vision": true, "function_calling": true, "streaming": true}',
     '{"input_per_token": 0.0000001, "output_per_token": 0.0000004, "currency": "USD"}'),
    ('google', 'gemini-2.0-flash', 'Gemini 2.0 Flash', 'legacy', true, 1048576,
     '{"vision": true, "function_calling": true, "streaming": true}',
     '{"input_per_token": 0.0000001, "output_per_token": 0.0000004, "currency": "USD"}'),
    ('mistral', 'mistral-large-latest', 'Mistral Large', 'flagship', true, 128000,
     '{"vision": false, "function_calling": true, "streaming": true}',
     '{"input_per_token": 0.000002, "output_per_token": 0.000006, "currency": "USD"}'),
    ('mistral', 'mistral-medium-latest', 'Mistral Medium', 'fast', true, 128000,
     '{"vision": true, "function_calling": true, "streaming": true}',
     '{"input_per_token": 0.0000004, "output_per_token": 0.000002, "currency": "USD"}');

-- storage: the public bucket of generated videos ----------------------------
-- Objects live under <user id>/...; sql/policies/storage.objects.sql lets a
-- user write only below their own folder, and anyone read.

insert into storage.buckets (id, name, public) values ('ai-videos', 'ai-videos', true) on conflict (id) do nothing;
