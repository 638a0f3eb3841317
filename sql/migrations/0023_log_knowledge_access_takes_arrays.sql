-- sql/migrations/0023_log_knowledge_access_takes_arrays.sql
-- log_knowledge_access() takes the chunk ids as the uuid[] the log row keeps
-- and the best similarity, instead of a jsonb array of results that it took
-- apart again: building and parsing that jsonb cost each search more than
-- the insert itself. The new signature comes with the repeatable function
-- file (applied in this migration's transaction); the old one goes here, so
-- no caller keeps reaching a function that no search uses.
-- schema_tool: ignore squawk-ban-drop-function (its only caller, search_knowledge_chunks(), moves to the new signature in the same transaction)

drop function if exists public.log_knowledge_access(uuid, text, jsonb, integer, double precision, numeric);
