-- Privileges on tables, views, materialized views and sequences (object_kind
-- table or sequence) and on their columns, for every grantee: PUBLIC, and the
-- owner as OWNER (a default privilege or a revoke may have taken its own
-- privileges away).
select
    n.nspname as schema,
    c.relname as table_name,
    case c.relkind when 'S' then 'sequence' else 'table' end as object_kind,
    case acl.grantee when 0 then 'PUBLIC' when c.relowner then 'OWNER' else acl.grantee::regrole::text end as grantee,
    acl.privilege_type as privilege,
    null::text as column_name,
    acl.is_grantable as grantable
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
cross join lateral aclexplode(coalesce(c.relacl, acldefault((case c.relkind when 'S' then 's' else 'r' end)::"char",
                                                             c.relowner))) as acl
where n.nspname = any(%(schemas)s::text[])
    and c.relkind in ('r', 'p', 'v', 'm', 'S')
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.objsubid = 0 and d.deptype in ('i', 'e')
    )
union all
select
    n.nspname,
    c.relname,
    'table',
    case acl.grantee when 0 then 'PUBLIC' when c.relowner then 'OWNER' else acl.grantee::regrole::text end,
    acl.privilege_type,
    a.attname::text,
    acl.is_grantable
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
cross join lateral aclexplode(a.attacl) as acl
where n.nspname = any(%(schemas)s::text[])
    and a.attnum > 0
    and not a.attisdropped
order by 1, 2, 4, 5, 6
