-- Default privileges (ALTER DEFAULT PRIVILEGES) of any role, global (schema
-- null) or in a compared schema. object_type: r tables, S sequences,
-- f functions, T types, n schemas. A global entry is the difference from the
-- built-in defaults, as pg_default_acl stores it.
select
    d.defaclrole::regrole::text as role,
    n.nspname as schema,
    d.defaclobjtype as object_type,
    case when acl.grantee = 0 then 'PUBLIC' else acl.grantee::regrole::text end as grantee,
    acl.privilege_type as privilege,
    acl.is_grantable as grantable
from pg_catalog.pg_default_acl as d
left join pg_catalog.pg_namespace as n on n.oid = d.defaclnamespace
cross join lateral aclexplode(d.defaclacl) as acl
where n.nspname is null or n.nspname = any(%(schemas)s::text[])
order by 1, 2, 3, 4, 5
