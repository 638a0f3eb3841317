-- Columns of application tables and views, in table order.
select
    n.nspname as schema,
    c.relname as table_name,
    a.attname as name,
    a.attnum as position,
    pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
    a.attnotnull as not_null,
    pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default_value,
    a.attidentity as identity,
    a.attgenerated as generated,
    co.collname as collation,
    col_description(c.oid, a.attnum) as comment
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_catalog.pg_collation as co
    on co.oid = a.attcollation and a.attcollation <> (select t.typcollation from pg_catalog.pg_type as t
                                                       where t.oid = a.atttypid)
where n.nspname = 'public'
  and c.relkind in ('r', 'p', 'v', 'm')
  and a.attnum > 0
  and not a.attisdropped
order by 1, 2, 4
