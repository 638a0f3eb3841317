-- Objects of the application schema that schema_tool does not model: they
-- are reported, never silently ignored.
select 'sequence' as kind, c.relname as name
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace
  and c.relkind = 'S'
  and not exists (select from pg_catalog.pg_depend as d
                  where d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
union all
select 'materialized view', c.relname
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace and c.relkind = 'm'
union all
select 'partition', c.relname
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace and c.relispartition
union all
select case t.typtype when 'e' then 'enum' when 'd' then 'domain' else 'composite type' end, t.typname
from pg_catalog.pg_type as t
where t.typnamespace = 'public'::regnamespace
  and t.typtype in ('e', 'd', 'c')
  and (t.typtype <> 'c' or (select c.relkind from pg_catalog.pg_class as c where c.oid = t.typrelid) = 'c')
  and not exists (select from pg_catalog.pg_depend as d where d.objid = t.oid and d.deptype = 'e')
union all
select 'foreign table', c.relname
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace and c.relkind = 'f'
order by 1, 2
