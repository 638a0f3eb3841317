-- Functions and procedures of the compared schemas not owned by an extension
-- (aggregates are reported as unmodelled). identity is the regprocedure
-- (schema.name(argument types)), the key two databases are compared by;
-- arguments names them as declared; definition is CREATE OR REPLACE text.
select
    n.nspname as schema,
    p.proname as name,
    p.oid::regprocedure::text as identity,
    pg_catalog.pg_get_function_identity_arguments(p.oid) as arguments,
    pg_catalog.pg_get_function_arguments(p.oid) as arguments_declared,
    pg_catalog.pg_get_function_result(p.oid) as result,
    p.prokind as kind,
    l.lanname as language,
    p.provolatile as volatility,
    p.prosecdef as security_definer,
    p.proisstrict as strict,
    p.proleakproof as leakproof,
    p.proparallel as parallel,
    p.proconfig as config,
    p.prosrc as body,
    pg_catalog.pg_get_functiondef(p.oid) as definition,
    array(
        select format('%%s=%%s', case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end,
                      a.privilege_type)
        from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) as a
        where a.grantee <> p.proowner
        order by 1
    ) as privileges,
    dsc.description as comment
from pg_catalog.pg_proc as p
join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
join pg_catalog.pg_language as l on l.oid = p.prolang
left join pg_catalog.pg_description as dsc
    on dsc.objoid = p.oid and dsc.classoid = 'pg_catalog.pg_proc'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    and p.prokind in ('f', 'p', 'w')
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
    )
order by 1, 2, 3
