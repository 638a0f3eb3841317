-- level: error
-- description: A view runs with its owner's rights, so row level security of the tables it reads does not apply to its readers.
-- hint: create or replace view ... with (security_invoker = true).
select 'public' as schema, null as "table", c.relname::text as name, 'view' as kind,
       'security_invoker is not set' as message
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace
  and c.relkind = 'v'
  and not exists (
      -- stored as written (true, on, 1, yes...): the boolean input function reads every spelling
      select from unnest(c.reloptions) as o
      where o like 'security_invoker=%' and substr(o, length('security_invoker=') + 1)::boolean
  )
