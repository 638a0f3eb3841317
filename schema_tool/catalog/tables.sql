-- Tables of the application schema (public), with their row level security state.
select
    n.nspname as schema,
    c.relname as name,
    c.relrowsecurity as rls_enabled,
    c.relforcerowsecurity as rls_forced,
    c.relkind as kind,
    c.relpersistence as persistence,
    obj_description(c.oid, 'pg_class') as comment
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where c.relkind in ('r', 'p')
  and n.nspname = 'public'
  and not exists (
      select from pg_catalog.pg_depend as d
      where d.objid = c.oid and d.deptype = 'e'
  )
order by 1, 2
