-- Constraints of tables of the compared schemas: primary, unique, foreign,
-- check, exclusion. inherited: cloned from a parent table, not declared here.
select
    n.nspname as schema,
    c.relname as table_name,
    con.conname as name,
    con.contype as type,
    pg_catalog.pg_get_constraintdef(con.oid, true) as definition,
    array(
        select a.attname
        from unnest(con.conkey) with ordinality as k (attnum, ord)
        join pg_catalog.pg_attribute as a on a.attrelid = con.conrelid and a.attnum = k.attnum
        order by k.ord
    )::text[] as columns,
    rn.nspname as ref_schema,
    r.relname as ref_table,
    array(
        select a.attname
        from unnest(con.confkey) with ordinality as k (attnum, ord)
        join pg_catalog.pg_attribute as a on a.attrelid = con.confrelid and a.attnum = k.attnum
        order by k.ord
    )::text[] as ref_columns,
    con.confdeltype as on_delete,
    con.confupdtype as on_update,
    con.condeferrable as deferrable,
    con.condeferred as deferred,
    con.convalidated as validated,
    not con.conislocal as inherited,
    obj_description(con.oid, 'pg_constraint') as comment
from pg_catalog.pg_constraint as con
join pg_catalog.pg_class as c on c.oid = con.conrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_class as r on r.oid = con.confrelid
left join pg_catalog.pg_namespace as rn on rn.oid = r.relnamespace
where n.nspname = any(%(schemas)s::text[])
    and con.contype in ('p', 'u', 'f', 'c', 'x')
order by 1, 2, 3
