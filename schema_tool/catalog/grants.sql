-- Table and column privileges of the API roles on application tables.
select
    n.nspname as schema,
    c.relname as table_name,
    r.rolname as grantee,
    acl.privilege_type as privilege,
    null::text as column_name
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
cross join lateral aclexplode(c.relacl) as acl
join pg_catalog.pg_roles as r on r.oid = acl.grantee
where n.nspname = 'public'
  and c.relkind in ('r', 'p', 'v', 'm')
  and r.rolname in ('anon', 'authenticated', 'service_role')
union all
select n.nspname, c.relname, r.rolname, acl.privilege_type, a.attname::text
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
cross join lateral aclexplode(a.attacl) as acl
join pg_catalog.pg_roles as r on r.oid = acl.grantee
where n.nspname = 'public'
  and a.attnum > 0
  and not a.attisdropped
  and r.rolname in ('anon', 'authenticated', 'service_role')
order by 1, 2, 3, 4, 5
