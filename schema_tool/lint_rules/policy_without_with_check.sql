-- level: warning
-- description: A policy for INSERT or UPDATE (or ALL) has no WITH CHECK, so what may be written is not stated.
-- hint: add with check (...) stating which rows the role may write.
select p.schemaname::text as schema, p.tablename::text as "table", p.policyname::text as name, 'policy' as kind,
       format('%s policy without WITH CHECK', p.cmd) as message
from pg_catalog.pg_policies as p
where (p.schemaname = 'public' or (p.schemaname = 'storage' and p.tablename = 'objects'))
  and p.cmd in ('INSERT', 'UPDATE', 'ALL')
  and p.with_check is null
