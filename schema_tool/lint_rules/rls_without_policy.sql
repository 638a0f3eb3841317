-- level: warning
-- description: Row level security is on but the table has no policy, so only service_role can use it.
-- hint: write the table's policies in sql/policies/<table>.sql, or say in a comment why none is meant.
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       'row level security is on and no policy exists' as message
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace
  and c.relkind in ('r', 'p')
  and c.relrowsecurity
  and not exists (select from pg_catalog.pg_policy as p where p.polrelid = c.oid)
