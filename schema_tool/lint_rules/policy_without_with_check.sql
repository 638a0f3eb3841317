-- id: policy-without-with-check
-- level: warning
-- object: policy
-- description: A policy for INSERT or UPDATE (or ALL) has no WITH CHECK, so what may be written is not stated.
-- hint: add with check (...) stating which rows the role may write.
select format('%I on %I.%I', p.policyname, p.schemaname, p.tablename) as object,
       format('%s policy without WITH CHECK', p.cmd) as message
from pg_catalog.pg_policies as p
where (p.schemaname = 'public' or (p.schemaname = 'storage' and p.tablename = 'objects'))
  and p.cmd in ('INSERT', 'UPDATE', 'ALL')
  and p.with_check is null
