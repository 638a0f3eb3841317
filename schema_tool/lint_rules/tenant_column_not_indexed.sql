-- level: warning
-- description: No full (non-partial) index leads with the tenant column, so every policy check and per-user query scans the table.
-- hint: create an index whose first column is the tenant column (a composite one serves too).
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       format('no full index starts with tenant column %I', a.attname) as message
from pg_catalog.pg_constraint as fk
join pg_catalog.pg_class as c on c.oid = fk.conrelid
join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = fk.conkey[1]
where fk.contype = 'f'
  and fk.confrelid = to_regclass('auth.users')
  and c.relnamespace = 'public'::regnamespace
  and a.attname in ('user_id', 'created_by')
  and not exists (
      select from pg_catalog.pg_index as i
      where i.indrelid = c.oid and i.indkey[0] = a.attnum and i.indpred is null
  )
