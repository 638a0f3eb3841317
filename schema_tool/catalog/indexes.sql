-- Indexes of application tables, with their access method and predicate.
select
    n.nspname as schema,
    t.relname as table_name,
    i.relname as name,
    am.amname as method,
    x.indisunique as is_unique,
    x.indisprimary as is_primary,
    pg_catalog.pg_get_indexdef(x.indexrelid) as definition,
    pg_catalog.pg_get_expr(x.indpred, x.indrelid) as predicate,
    exists (select from pg_catalog.pg_constraint as con where con.conindid = x.indexrelid) as backs_constraint
from pg_catalog.pg_index as x
join pg_catalog.pg_class as i on i.oid = x.indexrelid
join pg_catalog.pg_class as t on t.oid = x.indrelid
join pg_catalog.pg_namespace as n on n.oid = t.relnamespace
join pg_catalog.pg_am as am on am.oid = i.relam
where n.nspname = 'public'
order by 1, 2, 3
