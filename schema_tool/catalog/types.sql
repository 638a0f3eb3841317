-- User-defined types of the compared schemas: enums (kind e, labels in
-- order), domains (d: base type, not null, default, collation, checks) and
-- composite types (c: attributes as "name type").
select
    n.nspname as schema,
    t.typname as name,
    format('%%I.%%I', n.nspname, t.typname) as qualified,
    t.typtype as kind,
    array(
        select e.enumlabel::text
        from pg_catalog.pg_enum as e
        where e.enumtypid = t.oid
        order by e.enumsortorder
    ) as labels,
    case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, t.typtypmod) end as base_type,
    t.typnotnull as not_null,
    t.typdefault as default_value,
    case when co.oid is not null then format('%%I.%%I', con.nspname, co.collname) end as collation,
    array(
        select format('constraint %%I %%s', k.conname, pg_catalog.pg_get_constraintdef(k.oid, true))
        from pg_catalog.pg_constraint as k
        where k.contypid = t.oid and k.contype = 'c'
        order by k.conname
    ) as checks,
    array(
        select format('%%I %%s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod))
               || case when a.attcollation <> at.typcollation
                       then ' collate ' || a.attcollation::regcollation::text else '' end
        from pg_catalog.pg_attribute as a
        join pg_catalog.pg_type as at on at.oid = a.atttypid
        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
        order by a.attnum
    ) as attributes,
    dsc.description as comment
from pg_catalog.pg_type as t
join pg_catalog.pg_namespace as n on n.oid = t.typnamespace
left join pg_catalog.pg_collation as co
    on co.oid = t.typcollation and t.typtype = 'd' and t.typcollation <> (
        select b.typcollation from pg_catalog.pg_type as b where b.oid = t.typbasetype
    )
left join pg_catalog.pg_namespace as con on con.oid = co.collnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = t.oid and dsc.classoid = 'pg_catalog.pg_type'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    and (
        t.typtype in ('e', 'd')
        or (t.typtype = 'c' and (select c.relkind from pg_catalog.pg_class as c where c.oid = t.typrelid) = 'c')
    )
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e'
    )
order by 1, 2
