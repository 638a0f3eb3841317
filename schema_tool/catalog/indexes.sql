-- Indexes of tables and materialized views of the compared schemas: access
-- method, operator classes, storage parameters (such as HNSW's m), predicate.
-- backs_constraint: the index of a primary, unique or exclusion constraint
-- (it comes and goes with it); inherited: a partition's index attached to its
-- parent's.
select
    n.nspname as schema,
    t.relname as table_name,
    i.relname as name,
    format('%%I.%%I', n.nspname, i.relname) as qualified,
    am.amname as method,
    x.indisunique as is_unique,
    x.indisprimary as is_primary,
    pg_catalog.pg_get_indexdef(x.indexrelid) as definition,
    pg_catalog.pg_get_expr(x.indpred, x.indrelid) as predicate,
    array(
        select (
            select format('%%I.%%I', ocn.nspname, oc.opcname)
            from pg_catalog.pg_opclass as oc
            join pg_catalog.pg_namespace as ocn on ocn.oid = oc.opcnamespace
            where oc.oid = k.opclass
        )
        from unnest(x.indclass) with ordinality as k (opclass, ord)
        order by k.ord
    )::text[] as opclasses,
    coalesce(i.reloptions, '{}') as options,
    exists (
        select from pg_catalog.pg_constraint as con
        where con.conindid = x.indexrelid and con.conrelid = x.indrelid and con.contype in ('p', 'u', 'x')
    ) as backs_constraint,
    i.relispartition as inherited,
    dsc.description as comment
from pg_catalog.pg_index as x
join pg_catalog.pg_class as i on i.oid = x.indexrelid
join pg_catalog.pg_class as t on t.oid = x.indrelid
join pg_catalog.pg_namespace as n on n.oid = t.relnamespace
join pg_catalog.pg_am as am on am.oid = i.relam
left join pg_catalog.pg_description as dsc
    on dsc.objoid = i.oid and dsc.classoid = 'pg_catalog.pg_class'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    and t.relkind in ('r', 'p', 'm')
order by 1, 2, 3
