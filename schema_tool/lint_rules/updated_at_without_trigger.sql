-- level: warning
-- description: A table has an updated_at column but no enabled BEFORE UPDATE row trigger running tg_stamp_updated_at(), so it goes stale.
-- hint: add a before update trigger running public.tg_stamp_updated_at() to sql/triggers/<table>.sql.
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       'updated_at is not maintained by a trigger' as message
from pg_catalog.pg_class as c
join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped
where c.relnamespace = 'public'::regnamespace
  and c.relkind in ('r', 'p')
  and not exists (
      select from pg_catalog.pg_trigger as t
      join pg_catalog.pg_proc as f on f.oid = t.tgfoid
      where t.tgrelid = c.oid
        and f.proname = 'tg_stamp_updated_at'
        and t.tgenabled <> 'D'
        and t.tgtype & 1 = 1   -- for each row
        and t.tgtype & 2 = 2   -- before
        and t.tgtype & 16 = 16 -- update
  )
