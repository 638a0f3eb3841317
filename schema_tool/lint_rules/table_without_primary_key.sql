-- level: error
-- description: A table has no primary key, so rows cannot be addressed, replicated or diffed reliably.
-- hint: add id uuid primary key default gen_random_uuid().
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       'no primary key' as message
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace
  and c.relkind in ('r', 'p')
  and not exists (select from pg_catalog.pg_constraint as k where k.conrelid = c.oid and k.contype = 'p')
  and not exists (select from pg_catalog.pg_depend as d where d.objid = c.oid and d.deptype = 'e')
