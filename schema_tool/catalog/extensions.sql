-- Installed extensions with their versions and schemas.
select
    e.extname as name,
    e.extversion as version,
    n.nspname as schema,
    dsc.description as comment
from pg_catalog.pg_extension as e
join pg_catalog.pg_namespace as n on n.oid = e.extnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = e.oid and dsc.classoid = 'pg_catalog.pg_extension'::regclass and dsc.objsubid = 0
order by 1
