-- level: error
-- description: A table in public has row level security off, so the API roles' grants alone decide access.
-- hint: alter table ... enable row level security; and give the table its sql/policies/<table>.sql.
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       'row level security is off' as message
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace
  and c.relkind in ('r', 'p')
  and not c.relrowsecurity
  and not exists (select from pg_catalog.pg_depend as d where d.objid = c.oid and d.deptype = 'e')
