-- Dependencies between the objects of the compared schemas (and on
-- extensions), from pg_depend: "kind:identity depends on ref_kind:ref_identity".
-- Kinds and identities: schema name; extension name; collation, type,
-- relation (table, view, sequence), index: schema.name; column:
-- schema.table.column; function: schema.name(argument types); constraint,
-- trigger, policy: "name on schema.table". A view is its rewrite rule, a
-- column default is its column, an index backing a constraint is the
-- constraint, an extension's member is the extension. This is what orders
-- the generated SQL: creations after what they need, drops before.
with objects as (
    select
        'pg_namespace'::regclass as classid, n.oid as objid, 0 as objsubid,
        'schema' as kind, n.nspname::text as identity
    from pg_catalog.pg_namespace as n
    where n.nspname = any(%(schemas)s::text[])
    union all
    select 'pg_extension'::regclass, e.oid, 0, 'extension', e.extname::text
    from pg_catalog.pg_extension as e
    union all
    select d.classid, d.objid, 0, 'extension', e.extname::text
    from pg_catalog.pg_depend as d
    join pg_catalog.pg_extension as e on e.oid = d.refobjid
    where d.deptype = 'e' and d.refclassid = 'pg_extension'::regclass
    union all
    select 'pg_class'::regclass, c.oid, 0,
           case
               when c.relkind = 'c' then 'type'
               when c.relkind = 'i' and k.oid is not null then 'constraint'
               when c.relkind in ('i', 'I') then 'index'
               else 'relation'
           end,
           case
               when k.oid is not null then format('%%I on %%I.%%I', k.conname, n.nspname, kt.relname)
               else format('%%I.%%I', n.nspname, c.relname)
           end
    from pg_catalog.pg_class as c
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    left join pg_catalog.pg_index as x on x.indexrelid = c.oid
    left join pg_catalog.pg_constraint as k
        on k.conindid = c.oid and k.conrelid = x.indrelid and k.contype in ('p', 'u', 'x')
    left join pg_catalog.pg_class as kt on kt.oid = k.conrelid
    where n.nspname = any(%(schemas)s::text[])
    union all
    select 'pg_class'::regclass, c.oid, a.attnum,
           case when c.relkind = 'c' then 'type' else 'column' end,
           case
               when c.relkind = 'c' then format('%%I.%%I', n.nspname, c.relname)
               else format('%%I.%%I.%%I', n.nspname, c.relname, a.attname)
           end
    from pg_catalog.pg_attribute as a
    join pg_catalog.pg_class as c on c.oid = a.attrelid
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = any(%(schemas)s::text[])
        and c.relkind in ('r', 'p', 'v', 'm', 'c', 'f')
        and a.attnum > 0
        and not a.attisdropped
    union all
    select 'pg_attrdef'::regclass, d.oid, 0, 'column', format('%%I.%%I.%%I', n.nspname, c.relname, a.attname)
    from pg_catalog.pg_attrdef as d
    join pg_catalog.pg_class as c on c.oid = d.adrelid
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute as a on a.attrelid = d.adrelid and a.attnum = d.adnum
    where n.nspname = any(%(schemas)s::text[])
    union all
    select 'pg_constraint'::regclass, k.oid, 0,
           case when k.contypid <> 0 then 'type' else 'constraint' end,
           case
               when k.contypid <> 0 then format('%%I.%%I', tn.nspname, t.typname)
               else format('%%I on %%I.%%I', k.conname, n.nspname, c.relname)
           end
    from pg_catalog.pg_constraint as k
    left join pg_catalog.pg_class as c on c.oid = k.conrelid
    left join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    left join pg_catalog.pg_type as t on t.oid = k.contypid
    left join pg_catalog.pg_namespace as tn on tn.oid = t.typnamespace
    where coalesce(n.nspname, tn.nspname) = any(%(schemas)s::text[])
    union all
    select 'pg_proc'::regclass, p.oid, 0, 'function', p.oid::regprocedure::text
    from pg_catalog.pg_proc as p
    join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
    where n.nspname = any(%(schemas)s::text[])
    union all
    select 'pg_type'::regclass, t.oid, 0,
           case when c.relkind is null or c.relkind = 'c' then 'type' else 'relation' end,
           format('%%I.%%I', n.nspname, coalesce(c.relname, et.typname, t.typname))
    from pg_catalog.pg_type as t
    join pg_catalog.pg_namespace as n on n.oid = t.typnamespace
    left join pg_catalog.pg_type as et on et.oid = t.typelem and t.typcategory = 'A'
    left join pg_catalog.pg_class as c on c.oid = coalesce(nullif(et.typrelid, 0), nullif(t.typrelid, 0))
    where n.nspname = any(%(schemas)s::text[])
    union all
    select 'pg_rewrite'::regclass, r.oid, 0, 'relation', format('%%I.%%I', n.nspname, c.relname)
    from pg_catalog.pg_rewrite as r
    join pg_catalog.pg_class as c on c.oid = r.ev_class
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = any(%(schemas)s::text[])
    union all
    select 'pg_trigger'::regclass, t.oid, 0, 'trigger', format('%%I on %%I.%%I', t.tgname, n.nspname, c.relname)
    from pg_catalog.pg_trigger as t
    join pg_catalog.pg_class as c on c.oid = t.tgrelid
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    where not t.tgisinternal
    union all
    select 'pg_policy'::regclass, p.oid, 0, 'policy', format('%%I on %%I.%%I', p.polname, n.nspname, c.relname)
    from pg_catalog.pg_policy as p
    join pg_catalog.pg_class as c on c.oid = p.polrelid
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    union all
    select 'pg_collation'::regclass, c.oid, 0, 'collation', format('%%I.%%I', n.nspname, c.collname)
    from pg_catalog.pg_collation as c
    join pg_catalog.pg_namespace as n on n.oid = c.collnamespace
    where n.nspname = any(%(schemas)s::text[])
)
select distinct
    o.kind,
    o.identity,
    r.kind as ref_kind,
    r.identity as ref_identity,
    d.deptype as type
from pg_catalog.pg_depend as d
join objects as o on o.classid = d.classid and o.objid = d.objid and o.objsubid = d.objsubid
join objects as r on r.classid = d.refclassid and r.objid = d.refobjid and r.objsubid = d.refobjsubid
where d.deptype in ('n', 'a')
    and d.objid >= 16384
    and d.refobjid >= 16384
    and (o.kind, o.identity) <> (r.kind, r.identity)
order by 1, 2, 3, 4
