-- Columns of tables, views and materialized views of the compared schemas, in
-- table order. inherited: the column comes from a parent (partition or
-- inheritance) and is not declared locally.
select
    n.nspname as schema,
    c.relname as table_name,
    a.attname as name,
    format('%%I', a.attname) as quoted,
    a.attnum as position,
    pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
    a.attnotnull as not_null,
    pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default_value,
    a.attidentity as identity,
    a.attgenerated as generated,
    case when co.oid is not null then format('%%I.%%I', con.nspname, co.collname) end as collation,
    not a.attislocal as inherited,
    dsc.description as comment
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
join pg_catalog.pg_type as t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_catalog.pg_collation as co on co.oid = a.attcollation and a.attcollation <> t.typcollation
left join pg_catalog.pg_namespace as con on con.oid = co.collnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = c.oid and dsc.classoid = 'pg_catalog.pg_class'::regclass and dsc.objsubid = a.attnum
where n.nspname = any(%(schemas)s::text[])
    and c.relkind in ('r', 'p', 'v', 'm')
    and a.attnum > 0
    and not a.attisdropped
order by 1, 2, 5
