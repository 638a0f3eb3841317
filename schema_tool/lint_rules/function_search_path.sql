-- id: function-search-path
-- level: warning
-- object: function
-- description: A function has no fixed search_path, so a caller's search_path can change what its names mean.
-- hint: add set search_path = '' and schema-qualify every name in the body.
select format('public.%I(%s)', p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as object,
       'search_path is not fixed' as message
from pg_catalog.pg_proc as p
where p.pronamespace = 'public'::regnamespace
  and not exists (select from pg_catalog.pg_depend as d where d.objid = p.oid and d.deptype = 'e')
  and not exists (select from unnest(p.proconfig) as c where c like 'search_path=%')
