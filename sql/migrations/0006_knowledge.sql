-- sql/migrations/0006_knowledge.sql
-- Knowledge management: buckets of documents, their chunks with vector embeddings, and the semantic search audit trail.

-- knowledge_buckets ---------------------------------------------------------

create table public.knowledge_buckets (
    id uuid primary key default gen_random_uuid(),
    created_by uuid not null references auth.users (id) on delete cascade,
    name text not null
        constraint knowledge_buckets_name_not_blank check (btrim(name) <> ''),
    description text,
    bucket_type text not null default 'general'
        constraint knowledge_buckets_bucket_type_check check (bucket_type in ('campaign', 'general')),
    campaign_id uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint knowledge_buckets_campaign_id_check check ((bucket_type = 'campaign') = (campaign_id is not null)),
    constraint knowledge_buckets_created_by_name_key unique (created_by, name),
    constraint knowledge_buckets_id_created_by_key unique (id, created_by),
    constraint knowledge_buckets_campaign_fkey foreign key (campaign_id, created_by)
        references public.campaigns (id, created_by) on delete cascade
);

comment on table public.knowledge_buckets is
    'Grouped knowledge: a general bucket, or one that belongs to a campaign (bucket_type campaign, campaign_id set).';

create index knowledge_buckets_campaign_id_created_by_idx on public.knowledge_buckets (campaign_id, created_by);

alter table public.knowledge_buckets enable row level security;

-- knowledge_documents -------------------------------------------------------

create table public.knowledge_documents (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    bucket_id uuid not null,
    title text not null
        constraint knowledge_documents_title_not_blank check (btrim(title) <> ''),
    source_type text not null default 'upload'
        constraint knowledge_documents_source_type_check
        check (source_type in ('upload', 'url', 'text', 'integration')),
    source_url text,
    storage_path text,
    mime_type text,
    size_bytes bigint
        constraint knowledge_documents_size_bytes_check check (size_bytes >= 0),
    status text not null default 'pending'
        constraint knowledge_documents_status_check
        check (status in ('pending', 'processing', 'completed', 'failed')),
    chunk_count integer not null default 0
        constraint knowledge_documents_chunk_count_check check (chunk_count >= 0),
    error_message text,
    processed_at timestamptz,
    metadata jsonb not null default '{}'
        constraint knowledge_documents_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint knowledge_documents_error_message_check check (status = 'failed' or error_message is null),
    constraint knowledge_documents_id_user_id_key unique (id, user_id),
    constraint knowledge_documents_bucket_fkey foreign key (bucket_id, user_id)
        references public.knowledge_buckets (id, created_by) on delete cascade
);

comment on table public.knowledge_documents is
    'Uploaded or linked documents of a knowledge bucket, with the state of their chunking.';
comment on column public.knowledge_documents.status is
    'Chunking lifecycle: pending -> processing -> completed | failed; failed or completed -> pending to re-run.';
comment on column public.knowledge_documents.processed_at is 'When chunking last completed (trigger).';

create index knowledge_documents_bucket_id_user_id_idx on public.knowledge_documents (bucket_id, user_id);
create index knowledge_documents_user_id_created_at_idx on public.knowledge_documents (user_id, created_at desc);
-- the chunking worker's queue
create index knowledge_documents_pending_idx on public.knowledge_documents (created_at) where status = 'pending';

alter table public.knowledge_documents enable row level security;

-- knowledge_chunks ----------------------------------------------------------

create table public.knowledge_chunks (
    id uuid primary key default gen_random_uuid(),
    document_id uuid not null,
    user_id uuid not null references auth.users (id) on delete cascade,
    chunk_index integer not null
        constraint knowledge_chunks_chunk_index_check check (chunk_index >= 0),
    content text not null,
    token_count integer
        constraint knowledge_chunks_token_count_check check (token_count >= 0),
    embedding extensions.vector(1536),
    metadata jsonb not null default '{}'
        constraint knowledge_chunks_metadata_is_object check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz not null default now(),
    constraint knowledge_chunks_document_id_chunk_index_key unique (document_id, chunk_index),
    constraint knowledge_chunks_id_user_id_key unique (id, user_id),
    constraint knowledge_chunks_document_fkey foreign key (document_id, user_id)
        references public.knowledge_documents (id, user_id) on delete cascade
);

comment on table public.knowledge_chunks is
    'Chunked document content with its embedding (OpenAI ada-002, 1536 dimensions) for semantic search.';
comment on column public.knowledge_chunks.embedding is
    'ada-002 embedding of content; NULL until embedded. Searched by cosine distance through search_knowledge_chunks().';

-- Per-user search: small tenants are answered exactly through this btree,
-- large ones through the HNSW index with iterative scans (see
-- docs/knowledge-search.md for the measurements behind this choice).
create index knowledge_chunks_user_id_idx on public.knowledge_chunks (user_id);
create index knowledge_chunks_embedding_idx on public.knowledge_chunks
    using hnsw (embedding extensions.vector_cosine_ops);

alter table public.knowledge_chunks enable row level security;

-- knowledge_access_logs -----------------------------------------------------

create table public.knowledge_access_logs (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    result_count integer not null
        constraint knowledge_access_logs_result_count_check check (result_count >= 0),
    top_similarity double precision,
    similarity_threshold double precision not null,
    result_limit integer not null,
    chunk_ids uuid[] not null default '{}',
    duration_ms numeric(10,3),
    created_at timestamptz not null default now()
);

comment on table public.knowledge_access_logs is
    'Semantic search audit trail: one row per search_knowledge_chunks() call, written by the function; users read their own.';
comment on column public.knowledge_access_logs.chunk_ids is 'The chunks returned, best first.';

create index knowledge_access_logs_user_id_created_at_idx on public.knowledge_access_logs (user_id, created_at desc);

alter table public.knowledge_access_logs enable row level security;
