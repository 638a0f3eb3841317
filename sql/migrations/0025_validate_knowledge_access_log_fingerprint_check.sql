-- sql/migrations/0025_validate_knowledge_access_log_fingerprint_check.sql
-- Validates the query fingerprint check added NOT VALID by 0024, in a
-- transaction of its own: the scan of the log takes a lock that lets
-- searches keep writing their rows.

alter table public.knowledge_access_logs validate constraint knowledge_access_logs_query_fingerprint_check;
