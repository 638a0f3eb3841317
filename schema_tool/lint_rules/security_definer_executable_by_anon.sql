-- level: error
-- description: A SECURITY DEFINER function may be executed by anon or by PUBLIC, so anyone runs it with its owner's rights.
-- hint: revoke execute on function ... from public, anon; then grant it to the roles meant to call it.
select 'public' as schema, null as "table", p.proname::text as name, 'function' as kind,
       format('%s: executable by %s', p.oid::regprocedure, case when by_public then 'PUBLIC' else 'anon' end) as message
from pg_catalog.pg_proc as p
cross join lateral (
    select exists (
        select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) as a
        where a.grantee = 0 and a.privilege_type = 'EXECUTE'
    ) as by_public
) as grants
where p.pronamespace = 'public'::regnamespace
  and p.prosecdef
  and (by_public or (to_regrole('anon') is not null and has_function_privilege('anon', p.oid, 'execute')))
