-- Collations defined in the compared schemas.
select
    n.nspname as schema,
    c.collname as name,
    format('%%I.%%I', n.nspname, c.collname) as qualified,
    c.collprovider as provider,
    c.collisdeterministic as deterministic,
    coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale', c.collcollate) as locale,
    c.collcollate as lc_collate,
    c.collctype as lc_ctype,
    dsc.description as comment
from pg_catalog.pg_collation as c
join pg_catalog.pg_namespace as n on n.oid = c.collnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = c.oid and dsc.classoid = 'pg_catalog.pg_collation'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_collation'::regclass and d.objid = c.oid and d.deptype = 'e'
    )
order by 1, 2
