-- level: error
-- description: A foreign key from a tenant table to another tenant table does not pair the two tenant columns, so a user can hang rows under another user's object.
-- hint: reference the parent's unique (id, tenant) with a composite key (parent_id, tenant column).
-- The tenant columns (the query that replaces the placeholder) are defined in schema_tool/catalog/platform.py.
with tenant as (
    select * from {tenant_columns} as t
)
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       format('foreign key %I to %I does not pair tenant column %I with %s',
              fk.conname, p.relname, child.attname,
              (select string_agg(format('%I.%I', p.relname, parent.attname), ' or ' order by parent.attname)
               from tenant as parent where parent.rel = fk.confrelid)) as message
from pg_catalog.pg_constraint as fk
join tenant as child on child.rel = fk.conrelid
join pg_catalog.pg_class as c on c.oid = fk.conrelid
join pg_catalog.pg_class as p on p.oid = fk.confrelid
where fk.contype = 'f'
  and c.relnamespace = 'public'::regnamespace
  and fk.confrelid <> fk.conrelid
  and exists (select from tenant as parent where parent.rel = fk.confrelid)
  and not exists (
      select from tenant as parent
      cross join generate_subscripts(fk.conkey, 1) as k
      where parent.rel = fk.confrelid and fk.conkey[k] = child.attnum and fk.confkey[k] = parent.attnum
  )
