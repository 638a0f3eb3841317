-- id: view-without-security-invoker
-- level: error
-- object: view
-- description: A view runs with its owner's rights, so row level security of the tables it reads does not apply to its readers.
-- hint: create or replace view ... with (security_invoker = true).
select format('public.%I', c.relname) as object,
       'security_invoker is not set' as message
from pg_catalog.pg_class as c
where c.relnamespace = 'public'::regnamespace
  and c.relkind = 'v'
  and not coalesce('security_invoker=true' = any (c.reloptions)
                   or 'security_invoker=on' = any (c.reloptions), false)
