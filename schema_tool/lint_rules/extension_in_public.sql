-- level: warning
-- description: An extension is installed in schema public, mixing its objects with the application's.
-- hint: create extension ... with schema extensions (alter extension ... set schema extensions).
select 'public' as schema, null as "table", e.extname::text as name, 'extension' as kind,
       'installed in schema public' as message
from pg_catalog.pg_extension as e
where e.extnamespace = 'public'::regnamespace
