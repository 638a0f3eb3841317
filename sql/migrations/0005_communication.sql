-- sql/migrations/0005_communication.sql
-- Communication: email templates, campaigns, contact lists and automation rules, and the user's chats with the AI.

-- email_templates -----------------------------------------------------------

create table public.email_templates (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    name text not null
        constraint email_templates_name_not_blank check (btrim(name) <> ''),
    description text,
    category text not null default 'other'
        constraint email_templates_category_check
        check (category in ('newsletter', 'promotional', 'transactional', 'welcome', 'follow_up',
                            'announcement', 're_engagement', 'other')),
    subject text not null,
    preheader text,
    body_html text not null,
    body_text text,
    variables jsonb not null default '[]'
        constraint email_templates_variables_is_array check (jsonb_typeof(variables) = 'array'),
    is_ai_generated boolean not null default false,
    is_archived boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint email_templates_user_id_name_key unique (user_id, name),
    -- lets children tie their tenant to this row's tenant
    constraint email_templates_id_user_id_key unique (id, user_id)
);

comment on table public.email_templates is
    'Reusable email templates of a user (subject, HTML and text bodies with {{placeholders}}).';
comment on column public.email_templates.preheader is
    'Preview text shown after the subject in inboxes.';
comment on column public.email_templates.body_text is
    'Plain-text alternative; generated from body_html when NULL.';
comment on column public.email_templates.variables is
    'Placeholder definitions: array of {"name", "description", "default"}.';

create index email_templates_user_id_category_idx
    on public.email_templates (user_id, category)
    where not is_archived;
create index email_templates_user_id_created_at_idx
    on public.email_templates (user_id, created_at desc);

alter table public.email_templates enable row level security;

-- email_campaigns -----------------------------------------------------------

create table public.email_campaigns (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    template_id uuid,
    name text not null
        constraint email_campaigns_name_not_blank check (btrim(name) <> ''),
    subject text not null,
    preheader text,
    from_name text,
    from_email text
        constraint email_campaigns_from_email_check check (from_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    reply_to text
        constraint email_campaigns_reply_to_check check (reply_to ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    body_html text,
    body_text text,
    list_name text not null default 'default',
    status text not null default 'draft'
        constraint email_campaigns_status_check
        check (status in ('draft', 'scheduled', 'sending', 'sent', 'failed', 'cancelled')),
    scheduled_at timestamptz,
    sending_started_at timestamptz,
    sent_at timestamptz,
    recipient_count integer not null default 0
        constraint email_campaigns_recipient_count_check check (recipient_count >= 0),
    delivered_count integer not null default 0
        constraint email_campaigns_delivered_count_check check (delivered_count >= 0),
    open_count integer not null default 0
        constraint email_campaigns_open_count_check check (open_count >= 0),
    click_count integer not null default 0
        constraint email_campaigns_click_count_check check (click_count >= 0),
    bounce_count integer not null default 0
        constraint email_campaigns_bounce_count_check check (bounce_count >= 0),
    unsubscribe_count integer not null default 0
        constraint email_campaigns_unsubscribe_count_check check (unsubscribe_count >= 0),
    is_ai_generated boolean not null default false,
    metadata jsonb not null default '{}'
        constraint email_campaigns_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint email_campaigns_scheduled_needs_time
        check (status <> 'scheduled' or scheduled_at is not null),
    constraint email_campaigns_sending_needs_time
        check (status not in ('sending', 'sent') or sending_started_at is not null),
    constraint email_campaigns_sent_needs_time
        check (status <> 'sent' or sent_at is not null),
    constraint email_campaigns_delivered_le_recipients
        check (delivered_count <= recipient_count),
    constraint email_campaigns_campaign_id_fkey
        foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by)
        on delete set null (campaign_id),
    constraint email_campaigns_template_id_fkey
        foreign key (template_id, user_id)
        references public.email_templates (id, user_id)
        on delete set null (template_id)
);

comment on table public.email_campaigns is
    'Email marketing sends: one message to one contact list, from draft through scheduling to sent.';
comment on column public.email_campaigns.campaign_id is
    'Marketing campaign the send belongs to, if any; must be the same user''s campaign.';
comment on column public.email_campaigns.template_id is
    'Email template the content was started from, if any; same user.';
comment on column public.email_campaigns.list_name is
    'Distribution list (email_contacts.list_name) the campaign is sent to; only subscribed contacts receive it.';
comment on column public.email_campaigns.status is
    'Lifecycle: draft -> scheduled -> sending -> sent; draft -> sending (send now); scheduled -> draft; sending -> failed; failed -> draft | scheduled (retry); draft/scheduled/failed -> cancelled. sent and cancelled are final. Enforced by trigger.';
comment on column public.email_campaigns.scheduled_at is
    'When sending is due; required while scheduled.';
comment on column public.email_campaigns.sending_started_at is
    'When sending began; stamped by trigger.';
comment on column public.email_campaigns.sent_at is
    'When sending completed; stamped by trigger.';
comment on column public.email_campaigns.recipient_count is
    'Contacts the send was addressed to; the *_count columns are delivery statistics from the email provider.';

create index email_campaigns_user_id_created_at_idx
    on public.email_campaigns (user_id, created_at desc);
create index email_campaigns_user_id_status_idx
    on public.email_campaigns (user_id, status);
-- the sender's queue: what is due, across users
create index email_campaigns_due_idx
    on public.email_campaigns (scheduled_at)
    where status = 'scheduled';
create index email_campaigns_campaign_id_user_id_idx
    on public.email_campaigns (campaign_id, user_id);
create index email_campaigns_template_id_user_id_idx
    on public.email_campaigns (template_id, user_id);

alter table public.email_campaigns enable row level security;

-- email_contacts ------------------------------------------------------------

create table public.email_contacts (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    lead_id uuid,
    list_name text not null default 'default'
        constraint email_contacts_list_name_not_blank check (btrim(list_name) <> ''),
    email text not null
        constraint email_contacts_email_check check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')
        constraint email_contacts_email_is_lowercase check (email = lower(email)),
    first_name text,
    last_name text,
    status text not null default 'subscribed'
        constraint email_contacts_status_check
        check (status in ('subscribed', 'unsubscribed', 'bounced', 'complained')),
    subscribed_at timestamptz not null default now(),
    unsubscribed_at timestamptz,
    source text not null default 'manual'
        constraint email_contacts_source_check
        check (source in ('manual', 'import', 'form', 'lead', 'api')),
    tags text[] not null default '{}',
    custom_fields jsonb not null default '{}'
        constraint email_contacts_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint email_contacts_user_id_list_name_email_key unique (user_id, list_name, email),
    constraint email_contacts_unsubscribed_needs_time
        check (status <> 'unsubscribed' or unsubscribed_at is not null),
    constraint email_contacts_lead_id_fkey
        foreign key (lead_id, user_id)
        references public.leads (id, created_by)
        on delete set null (lead_id)
);

comment on table public.email_contacts is
    'Members of a user''s email distribution lists: one row per address per list, with its subscription state.';
comment on column public.email_contacts.lead_id is
    'The lead this contact came from, if any; must be the same user''s lead.';
comment on column public.email_contacts.list_name is
    'Distribution list the contact belongs to; an address appears once per list.';
comment on column public.email_contacts.email is
    'Address, stored lower-case so that uniqueness per list is case-insensitive.';
comment on column public.email_contacts.status is
    'subscribed receives sends; unsubscribed, bounced and complained do not.';
comment on column public.email_contacts.unsubscribed_at is
    'When the contact opted out; required while unsubscribed.';
comment on column public.email_contacts.custom_fields is
    'Merge fields available to templates, e.g. {"company": "Acme"}.';

create index email_contacts_user_id_list_name_status_idx
    on public.email_contacts (user_id, list_name, status);
create index email_contacts_user_id_created_at_idx
    on public.email_contacts (user_id, created_at desc);
create index email_contacts_lead_id_user_id_idx
    on public.email_contacts (lead_id, user_id);

alter table public.email_contacts enable row level security;

-- email_automation_rules ----------------------------------------------------

create table public.email_automation_rules (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    template_id uuid,
    name text not null
        constraint email_automation_rules_name_not_blank check (btrim(name) <> ''),
    description text,
    trigger_event text not null
        constraint email_automation_rules_trigger_event_check
        check (trigger_event in ('contact_subscribed', 'contact_unsubscribed', 'lead_created',
                                 'lead_status_changed', 'lead_score_changed', 'email_opened',
                                 'email_clicked', 'form_submitted', 'campaign_started',
                                 'campaign_completed', 'scheduled', 'custom')),
    conditions jsonb not null default '{}'
        constraint email_automation_rules_conditions_is_object check (jsonb_typeof(conditions) = 'object'),
    actions jsonb not null default '[]'
        constraint email_automation_rules_actions_is_array check (jsonb_typeof(actions) = 'array'),
    delay_minutes integer not null default 0
        constraint email_automation_rules_delay_minutes_check check (delay_minutes between 0 and 525600),
    is_active boolean not null default true,
    trigger_count integer not null default 0
        constraint email_automation_rules_trigger_count_check check (trigger_count >= 0),
    last_triggered_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint email_automation_rules_user_id_name_key unique (user_id, name),
    constraint email_automation_rules_template_id_fkey
        foreign key (template_id, user_id)
        references public.email_templates (id, user_id)
        on delete set null (template_id)
);

comment on table public.email_automation_rules is
    'Automated sending rules of a user: when trigger_event happens and conditions hold, run actions (after delay_minutes).';
comment on column public.email_automation_rules.template_id is
    'Default email template the actions send, if any; same user.';
comment on column public.email_automation_rules.trigger_event is
    'Event that fires the rule.';
comment on column public.email_automation_rules.conditions is
    'Condition tree evaluated against the event, e.g. {"all": [{"field": "lead.score", "op": ">=", "value": 50}]}; {} always matches.';
comment on column public.email_automation_rules.actions is
    'Ordered actions: [{"type": "send_email", "template_id": ...}, {"type": "add_tag", "tag": ...}, ...].';
comment on column public.email_automation_rules.delay_minutes is
    'Wait between the event and the actions (up to one year).';
comment on column public.email_automation_rules.trigger_count is
    'How many times the rule has fired.';

create index email_automation_rules_active_event_idx
    on public.email_automation_rules (user_id, trigger_event)
    where is_active;
create index email_automation_rules_user_id_created_at_idx
    on public.email_automation_rules (user_id, created_at desc);
create index email_automation_rules_template_id_user_id_idx
    on public.email_automation_rules (template_id, user_id);

alter table public.email_automation_rules enable row level security;

-- chat_sessions -------------------------------------------------------------

create table public.chat_sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    campaign_id uuid,
    title text,
    status text not null default 'active'
        constraint chat_sessions_status_check check (status in ('active', 'archived')),
    model text,
    system_prompt text,
    context jsonb not null default '{}'
        constraint chat_sessions_context_is_object check (jsonb_typeof(context) = 'object'),
    message_count integer not null default 0
        constraint chat_sessions_message_count_check check (message_count >= 0),
    total_tokens bigint not null default 0
        constraint chat_sessions_total_tokens_check check (total_tokens >= 0),
    last_message_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- lets children tie their tenant to this row's tenant
    constraint chat_sessions_id_user_id_key unique (id, user_id),
    constraint chat_sessions_campaign_id_fkey
        foreign key (campaign_id, user_id)
        references public.campaigns (id, created_by)
        on delete set null (campaign_id)
);

comment on table public.chat_sessions is
    'A user''s chat with the AI assistant; its messages are in chat_messages.';
comment on column public.chat_sessions.campaign_id is
    'Campaign the chat is about, if any; must be the same user''s campaign.';
comment on column public.chat_sessions.model is
    'AI model answering in this session, e.g. claude-sonnet-4.5.';
comment on column public.chat_sessions.system_prompt is
    'System prompt the session was started with.';
comment on column public.chat_sessions.context is
    'Context handed to the model (business facts, selected assets, ...).';
comment on column public.chat_sessions.message_count is
    'Number of messages; maintained by trigger on chat_messages.';
comment on column public.chat_sessions.total_tokens is
    'Sum of the messages'' tokens; maintained by trigger on chat_messages.';
comment on column public.chat_sessions.last_message_at is
    'Time of the newest message; maintained by trigger on chat_messages.';

create index chat_sessions_user_id_last_message_at_idx
    on public.chat_sessions (user_id, last_message_at desc nulls last)
    where status = 'active';
create index chat_sessions_user_id_created_at_idx
    on public.chat_sessions (user_id, created_at desc);
create index chat_sessions_campaign_id_user_id_idx
    on public.chat_sessions (campaign_id, user_id);

alter table public.chat_sessions enable row level security;

-- chat_messages -------------------------------------------------------------

create table public.chat_messages (
    id uuid primary key default gen_random_uuid(),
    session_id uuid not null,
    user_id uuid not null references auth.users (id) on delete cascade,
    role text not null
        constraint chat_messages_role_check check (role in ('user', 'assistant', 'system', 'tool')),
    content text not null,
    model text,
    prompt_tokens integer not null default 0
        constraint chat_messages_prompt_tokens_check check (prompt_tokens >= 0),
    completion_tokens integer not null default 0
        constraint chat_messages_completion_tokens_check check (completion_tokens >= 0),
    total_tokens integer generated always as (prompt_tokens + completion_tokens) stored,
    metadata jsonb not null default '{}'
        constraint chat_messages_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint chat_messages_session_id_fkey
        foreign key (session_id, user_id)
        references public.chat_sessions (id, user_id)
        on delete cascade
);

comment on table public.chat_messages is
    'Individual messages of a chat session, in order of created_at; the tenant is always the session''s.';
comment on column public.chat_messages.role is
    'Author: user, assistant, system or tool.';
comment on column public.chat_messages.model is
    'Model that produced an assistant message.';
comment on column public.chat_messages.prompt_tokens is
    'Input tokens billed for producing this message.';
comment on column public.chat_messages.completion_tokens is
    'Output tokens billed for producing this message.';
comment on column public.chat_messages.total_tokens is
    'prompt_tokens + completion_tokens (generated).';
comment on column public.chat_messages.metadata is
    'Tool calls, citations, finish reason and similar details.';

create index chat_messages_session_id_user_id_created_at_idx
    on public.chat_messages (session_id, user_id, created_at);
create index chat_messages_user_id_created_at_idx
    on public.chat_messages (user_id, created_at desc);

alter table public.chat_messages enable row level security;

-- conversations -------------------------------------------------------------

create table public.conversations (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    title text not null default 'New conversation',
    summary text,
    embedding extensions.vector(1536),
    embedding_model text,
    status text not null default 'active'
        constraint conversations_status_check check (status in ('active', 'archived')),
    last_message_at timestamptz,
    metadata jsonb not null default '{}'
        constraint conversations_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint conversations_embedding_needs_model
        check (embedding is null or embedding_model is not null),
    -- lets children tie their tenant to this row's tenant
    constraint conversations_id_user_id_key unique (id, user_id)
);

comment on table public.conversations is
    'Conversations with the AI tracked for retrieval: a title, a summary and its embedding for semantic search (messages in conversation_messages).';
comment on column public.conversations.summary is
    'AI-written summary of the conversation; the text the embedding is computed from.';
comment on column public.conversations.embedding is
    'Embedding of title + summary (OpenAI ada-002, 1536 dimensions); NULL until computed. Searched by public.search_conversations.';
comment on column public.conversations.embedding_model is
    'Model that produced the embedding; required when embedding is set.';
comment on column public.conversations.last_message_at is
    'Time of the newest message; maintained by trigger on conversation_messages.';

create index conversations_user_id_created_at_idx
    on public.conversations (user_id, created_at desc);
create index conversations_user_id_last_message_at_idx
    on public.conversations (user_id, last_message_at desc nulls last)
    where status = 'active';
create index conversations_embedding_hnsw_idx
    on public.conversations using hnsw (embedding extensions.vector_cosine_ops);

alter table public.conversations enable row level security;
