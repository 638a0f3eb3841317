-- Tables (plain and partitioned) of the compared schemas: row level security,
-- persistence, storage options, partitioning and inheritance, comment.
select
    n.nspname as schema,
    c.relname as name,
    format('%%I.%%I', n.nspname, c.relname) as qualified,
    c.relrowsecurity as rls_enabled,
    c.relforcerowsecurity as rls_forced,
    c.relkind as kind,
    c.relpersistence as persistence,
    coalesce(c.reloptions, '{}') as options,
    case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partition_key,
    (
        select format('%%I.%%I', pn.nspname, p.relname)
        from pg_catalog.pg_inherits as i
        join pg_catalog.pg_class as p on p.oid = i.inhparent
        join pg_catalog.pg_namespace as pn on pn.oid = p.relnamespace
        where i.inhrelid = c.oid and c.relispartition
    ) as partition_of,
    case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end as partition_bound,
    array(
        select format('%%I.%%I', pn.nspname, p.relname)
        from pg_catalog.pg_inherits as i
        join pg_catalog.pg_class as p on p.oid = i.inhparent
        join pg_catalog.pg_namespace as pn on pn.oid = p.relnamespace
        where i.inhrelid = c.oid and not c.relispartition
        order by i.inhseqno
    )::text[] as inherits,
    dsc.description as comment,
    c.relowner::regrole::text as owner
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = c.oid and dsc.classoid = 'pg_catalog.pg_class'::regclass and dsc.objsubid = 0
where c.relkind in ('r', 'p')
    and n.nspname = any(%(schemas)s::text[])
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
    )
order by 1, 2
