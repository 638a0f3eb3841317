-- Views and materialized views of the compared schemas: options (such as
-- security_invoker), definition, the relations of the same schema they read.
select
    n.nspname as schema,
    c.relname as name,
    format('%%I.%%I', n.nspname, c.relname) as qualified,
    c.relkind = 'm' as materialized,
    coalesce(c.reloptions, '{}') as options,
    pg_catalog.pg_get_viewdef(c.oid, true) as definition,
    array(
        select distinct dep.relname::text
        from pg_catalog.pg_rewrite as rw
        join pg_catalog.pg_depend as d on d.objid = rw.oid and d.classid = 'pg_rewrite'::regclass
        join pg_catalog.pg_class as dep on dep.oid = d.refobjid and d.refclassid = 'pg_class'::regclass
        where rw.ev_class = c.oid and dep.oid <> c.oid and dep.relnamespace = c.relnamespace
        order by 1
    ) as reads,
    dsc.description as comment,
    c.relowner::regrole::text as owner
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = c.oid and dsc.classoid = 'pg_catalog.pg_class'::regclass and dsc.objsubid = 0
where c.relkind in ('v', 'm')
    and n.nspname = any(%(schemas)s::text[])
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
    )
order by 1, 2
