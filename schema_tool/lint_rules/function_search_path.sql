-- level: warning
-- description: A function has no fixed search_path, so a caller's search_path can change what its names mean.
-- hint: add set search_path = '' and schema-qualify every name in the body.
select 'public' as schema, null as "table", p.proname::text as name, 'function' as kind,
       format('%s: search_path is not fixed', p.oid::regprocedure) as message
from pg_catalog.pg_proc as p
where p.pronamespace = 'public'::regnamespace
  and p.prokind in ('f', 'p')  -- an aggregate or window function cannot carry settings
  and not exists (select from pg_catalog.pg_depend as d where d.objid = p.oid and d.deptype = 'e')
  and not exists (select from unnest(p.proconfig) as c where c like 'search_path=%')
