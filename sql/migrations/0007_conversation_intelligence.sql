-- sql/migrations/0007_conversation_intelligence.sql
-- Conversation intelligence: embedded conversation messages, their links to the knowledge base, and research notes flagged from AI answers.

-- conversation_messages -----------------------------------------------------

create table public.conversation_messages (
    id uuid primary key default gen_random_uuid(),
    conversation_id uuid not null,
    user_id uuid not null references auth.users (id) on delete cascade,
    role text not null
        constraint conversation_messages_role_check check (role in ('user', 'assistant', 'system', 'tool')),
    content text not null,
    embedding extensions.vector(1536),
    embedding_model text,
    model text,
    prompt_tokens integer not null default 0
        constraint conversation_messages_prompt_tokens_check check (prompt_tokens >= 0),
    completion_tokens integer not null default 0
        constraint conversation_messages_completion_tokens_check check (completion_tokens >= 0),
    metadata jsonb not null default '{}'
        constraint conversation_messages_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint conversation_messages_embedding_needs_model
        check (embedding is null or embedding_model is not null),
    -- lets children tie their tenant (and conversation) to this row's
    constraint conversation_messages_id_user_id_key unique (id, user_id),
    constraint conversation_messages_id_user_id_conversation_id_key unique (id, user_id, conversation_id),
    constraint conversation_messages_conversation_id_fkey
        foreign key (conversation_id, user_id)
        references public.conversations (id, user_id)
        on delete cascade
);

comment on table public.conversation_messages is
    'Messages of a conversation, each with its own embedding for message-level semantic retrieval; the tenant is always the conversation''s.';
comment on column public.conversation_messages.role is
    'Author: user, assistant, system or tool.';
comment on column public.conversation_messages.embedding is
    'Embedding of content (OpenAI ada-002, 1536 dimensions); NULL until computed.';
comment on column public.conversation_messages.embedding_model is
    'Model that produced the embedding; required when embedding is set.';
comment on column public.conversation_messages.model is
    'Model that produced an assistant message.';
comment on column public.conversation_messages.prompt_tokens is
    'Input tokens billed for producing this message.';
comment on column public.conversation_messages.completion_tokens is
    'Output tokens billed for producing this message.';
comment on column public.conversation_messages.metadata is
    'Tool calls, finish reason and similar details.';

create index conversation_messages_conversation_id_user_id_created_at_idx
    on public.conversation_messages (conversation_id, user_id, created_at);
create index conversation_messages_user_id_created_at_idx
    on public.conversation_messages (user_id, created_at desc);
create index conversation_messages_embedding_hnsw_idx
    on public.conversation_messages using hnsw (embedding extensions.vector_cosine_ops);

alter table public.conversation_messages enable row level security;

-- conversation_knowledge_refs -----------------------------------------------

create table public.conversation_knowledge_refs (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    conversation_id uuid not null,
    message_id uuid,
    knowledge_chunk_id uuid not null,
    ref_type text not null default 'retrieved'
        constraint conversation_knowledge_refs_ref_type_check
        check (ref_type in ('retrieved', 'cited', 'pinned')),
    relevance_score double precision
        constraint conversation_knowledge_refs_relevance_score_check
        check (relevance_score between 0 and 1),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- a chunk is linked once per conversation and once per message
    -- (leads with the tenant: it also serves the per-user listing)
    constraint conversation_knowledge_refs_user_conversation_message_chunk_key
        unique nulls not distinct (user_id, conversation_id, message_id, knowledge_chunk_id),
    constraint conversation_knowledge_refs_conversation_id_fkey
        foreign key (conversation_id, user_id)
        references public.conversations (id, user_id)
        on delete cascade,
    -- the message must be of the same user and of the same conversation
    constraint conversation_knowledge_refs_message_id_fkey
        foreign key (message_id, user_id, conversation_id)
        references public.conversation_messages (id, user_id, conversation_id)
        on delete cascade,
    constraint conversation_knowledge_refs_knowledge_chunk_id_fkey
        foreign key (knowledge_chunk_id, user_id)
        references public.knowledge_chunks (id, user_id)
        on delete cascade
);

comment on table public.conversation_knowledge_refs is
    'Junction between conversations (optionally one message of it) and the knowledge chunks used to answer; all rows of one user.';
comment on column public.conversation_knowledge_refs.message_id is
    'The message that used the chunk; NULL when the link is to the conversation as a whole. Must belong to conversation_id.';
comment on column public.conversation_knowledge_refs.knowledge_chunk_id is
    'The knowledge chunk referenced; must be the same user''s chunk.';
comment on column public.conversation_knowledge_refs.ref_type is
    'retrieved (found by search), cited (quoted in the answer) or pinned (attached by the user).';
comment on column public.conversation_knowledge_refs.relevance_score is
    'Similarity of the chunk to the query at retrieval time, 0..1.';

create index conversation_knowledge_refs_user_id_created_at_idx
    on public.conversation_knowledge_refs (user_id, created_at desc);
create index conversation_knowledge_refs_conversation_id_user_id_idx
    on public.conversation_knowledge_refs (conversation_id, user_id);
create index conversation_knowledge_refs_message_id_user_id_idx
    on public.conversation_knowledge_refs (message_id, user_id, conversation_id);
create index conversation_knowledge_refs_knowledge_chunk_id_user_id_idx
    on public.conversation_knowledge_refs (knowledge_chunk_id, user_id);

alter table public.conversation_knowledge_refs enable row level security;

-- research_notes ------------------------------------------------------------

create table public.research_notes (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    conversation_id uuid,
    message_id uuid,
    title text,
    note text not null
        constraint research_notes_note_not_blank check (btrim(note) <> ''),
    source_excerpt text,
    tags text[] not null default '{}',
    is_flagged boolean not null default true,
    flag_reason text
        constraint research_notes_flag_reason_check
        check (flag_reason in ('insightful', 'inaccurate', 'needs_verification', 'follow_up', 'other')),
    is_resolved boolean not null default false,
    resolved_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint research_notes_resolved_needs_time
        check (is_resolved = (resolved_at is not null)),
    constraint research_notes_conversation_id_fkey
        foreign key (conversation_id, user_id)
        references public.conversations (id, user_id)
        on delete set null (conversation_id),
    -- the message must be the same user's ...
    constraint research_notes_message_id_fkey
        foreign key (message_id, user_id)
        references public.conversation_messages (id, user_id)
        on delete set null (message_id),
    -- ... and, when the conversation is given, of that conversation
    constraint research_notes_message_in_conversation_fkey
        foreign key (message_id, user_id, conversation_id)
        references public.conversation_messages (id, user_id, conversation_id)
        on delete set null (message_id)
);

comment on table public.research_notes is
    'Research notes of a user, typically an AI answer flagged for later (insightful, inaccurate, to verify); the conversation and message links are optional and survive their deletion as NULL.';
comment on column public.research_notes.conversation_id is
    'Conversation the note came from, if any; same user. Set to NULL when the conversation is deleted.';
comment on column public.research_notes.message_id is
    'Message (usually an assistant answer) the note is about, if any; same user and, when conversation_id is set, that conversation.';
comment on column public.research_notes.note is
    'The user''s note.';
comment on column public.research_notes.source_excerpt is
    'Copy of the flagged answer text, kept when the message is deleted.';
comment on column public.research_notes.is_flagged is
    'Flagged for attention (shown in the review queue).';
comment on column public.research_notes.flag_reason is
    'Why it was flagged: insightful, inaccurate, needs_verification, follow_up or other.';
comment on column public.research_notes.is_resolved is
    'The flag has been dealt with; resolved_at says when.';

create index research_notes_user_id_created_at_idx
    on public.research_notes (user_id, created_at desc);
create index research_notes_flagged_idx
    on public.research_notes (user_id, created_at desc)
    where is_flagged and not is_resolved;
create index research_notes_tags_idx
    on public.research_notes using gin (tags);
create index research_notes_conversation_id_user_id_idx
    on public.research_notes (conversation_id, user_id);
create index research_notes_message_id_user_id_conversation_id_idx
    on public.research_notes (message_id, user_id, conversation_id);

alter table public.research_notes enable row level security;
