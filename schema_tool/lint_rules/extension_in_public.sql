-- id: extension-in-public
-- level: warning
-- object: extension
-- description: An extension is installed in schema public, mixing its objects with the application's.
-- hint: create extension ... with schema extensions (alter extension ... set schema extensions).
select e.extname as object,
       'installed in schema public' as message
from pg_catalog.pg_extension as e
where e.extnamespace = 'public'::regnamespace
