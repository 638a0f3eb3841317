-- Constraints of tables of the compared schemas: primary, unique, foreign,
-- check, exclusion. inherited: cloned from a parent table, not declared here.
select
    n.nspname as schema,
    c.relname as table_name,
    con.conname as name,
    con.contype as type,
    pg_catalog.pg_get_constraintdef(con.oid, true) as definition,
    array(
        select (
            select a.attname from pg_catalog.pg_attribute as a where a.attrelid = con.conrelid and a.attnum = k.attnum
        )
        from unnest(con.conkey) with ordinality as k (attnum, ord)
        order by k.ord
    )::text[] as columns,
    rn.nspname as ref_schema,
    r.relname as ref_table,
    array(
        select (
            select a.attname from pg_catalog.pg_attribute as a where a.attrelid = con.confrelid and a.attnum = k.attnum
        )
        from unnest(con.confkey) with ordinality as k (attnum, ord)
        order by k.ord
    )::text[] as ref_columns,
    con.confdeltype as on_delete,
    con.confupdtype as on_update,
    con.condeferrable as deferrable,
    con.condeferred as deferred,
    con.convalidated as validated,
    not con.conislocal as inherited,
    dsc.description as comment
from pg_catalog.pg_constraint as con
join pg_catalog.pg_class as c on c.oid = con.conrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_class as r on r.oid = con.confrelid
left join pg_catalog.pg_namespace as rn on rn.oid = r.relnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = con.oid and dsc.classoid = 'pg_catalog.pg_constraint'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    and con.contype in ('p', 'u', 'f', 'c', 'x')
order by 1, 2, 3
