-- Views of the application schema, their options (security_invoker) and the tables they read.
select
    n.nspname as schema,
    c.relname as name,
    c.relkind = 'm' as materialized,
    coalesce(c.reloptions, '{}') as options,
    pg_catalog.pg_get_viewdef(c.oid, true) as definition,
    array(
        select distinct dep.relname::text
        from pg_catalog.pg_rewrite as rw
        join pg_catalog.pg_depend as d on d.objid = rw.oid and d.classid = 'pg_rewrite'::regclass
        join pg_catalog.pg_class as dep on dep.oid = d.refobjid
        where rw.ev_class = c.oid and dep.oid <> c.oid and dep.relnamespace = c.relnamespace
        order by 1
    ) as reads,
    obj_description(c.oid, 'pg_class') as comment
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
  and n.nspname = 'public'
order by 1, 2
