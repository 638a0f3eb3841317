-- Schemas compared by schema_tool: every schema but the system ones, those
-- owned by an extension and the excluded platform schemas (parameter
-- excluded), with their comment and privileges (grantee=PRIVILEGE, owner left
-- out). Every catalog query takes the parameters excluded and schemas (the
-- names this one returns); a literal percent sign is written twice.
select
    n.nspname as name,
    format('%%I', n.nspname) as qualified,
    dsc.description as comment,
    array(
        select format('%%s=%%s', case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end,
                      a.privilege_type)
        from aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) as a
        where a.grantee <> n.nspowner
        order by 1
    ) as privileges
from pg_catalog.pg_namespace as n
left join pg_catalog.pg_description as dsc
    on dsc.objoid = n.oid and dsc.classoid = 'pg_catalog.pg_namespace'::regclass and dsc.objsubid = 0
where n.nspname not like 'pg\_%%'
    and n.nspname <> 'information_schema'
    and n.nspname <> all(%(excluded)s::text[])
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e'
    )
order by 1
