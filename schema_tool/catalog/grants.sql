-- Table and column privileges on application tables and views, for every
-- grantee but the owner (PUBLIC included).
select
    n.nspname as schema,
    c.relname as table_name,
    case when acl.grantee = 0 then 'PUBLIC' else acl.grantee::regrole::text end as grantee,
    acl.privilege_type as privilege,
    null::text as column_name
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) as acl
where n.nspname = 'public'
  and c.relkind in ('r', 'p', 'v', 'm')
  and acl.grantee <> c.relowner
union all
select n.nspname, c.relname,
       case when acl.grantee = 0 then 'PUBLIC' else acl.grantee::regrole::text end,
       acl.privilege_type, a.attname::text
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
cross join lateral aclexplode(a.attacl) as acl
where n.nspname = 'public'
  and a.attnum > 0
  and not a.attisdropped
  and acl.grantee <> c.relowner
order by 1, 2, 3, 4, 5
