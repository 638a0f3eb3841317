-- Views of the application schema and their options (security_invoker).
select
    n.nspname as schema,
    c.relname as name,
    c.relkind = 'm' as materialized,
    coalesce(c.reloptions, '{}') as options,
    obj_description(c.oid, 'pg_class') as comment
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
  and n.nspname = 'public'
order by 1, 2
