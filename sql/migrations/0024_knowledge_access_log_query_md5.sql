-- sql/migrations/0024_knowledge_access_log_query_md5.sql
-- search_knowledge_chunks() fingerprints the query embedding with md5 of its
-- binary form instead of sha256: the column only groups repeated queries
-- without storing them (no one must recover or forge anything from it), and
-- 128 bits keep two different queries from sharing a group as surely, for
-- half the CPU (sha256 of the 6 KB form was a tenth of a small tenant's
-- search). log_knowledge_access() accepts the new form from this migration
-- on; rows logged before keep their sha256 (64 hex characters, against 32),
-- so the check takes both. It is added NOT VALID (no scan of the log under
-- this migration's lock) and validated by the next migration.
-- schema_tool: ignore squawk-ban-drop-constraint (the check that replaces it, added first, admits every row it did)

alter table public.knowledge_access_logs
    add constraint knowledge_access_logs_query_fingerprint_check
    check (query_hash ~ '^[0-9a-f]{32}([0-9a-f]{32})?$') not valid;

alter table public.knowledge_access_logs
    drop constraint knowledge_access_logs_query_hash_check;

comment on column public.knowledge_access_logs.query_hash is
    'md5 (hex, 32 characters) of the query embedding''s binary form (extensions.vector_send()): groups repeated queries without storing them. Rows logged before migration 0024 hold a sha256 (64 characters): of the binary form from migration 0021, of the text form before.';
