-- Installed extensions with their versions and schemas.
select
    e.extname as name,
    e.extversion as version,
    n.nspname as schema,
    obj_description(e.oid, 'pg_extension') as comment
from pg_catalog.pg_extension as e
join pg_catalog.pg_namespace as n on n.oid = e.extnamespace
order by 1
