-- id: policy-auth-per-row
-- level: warning
-- object: policy
-- description: A policy calls auth.uid() or auth.jwt() directly, which is evaluated once per row.
-- hint: wrap the call in a scalar sub-select, (select auth.uid()), so it is evaluated once per query.
select format('%I on %I.%I', p.policyname, p.schemaname, p.tablename) as object,
       'auth.uid()/auth.jwt() called per row in ' || case
           when regexp_count(coalesce(p.qual, ''), 'auth\.(uid|jwt)\(\)')
                > regexp_count(coalesce(p.qual, ''), 'SELECT auth\.(uid|jwt)\(\)') then 'USING'
           else 'WITH CHECK' end as message
from pg_catalog.pg_policies as p
where (p.schemaname = 'public' or (p.schemaname = 'storage' and p.tablename = 'objects'))
  and (regexp_count(coalesce(p.qual, ''), 'auth\.(uid|jwt)\(\)')
           > regexp_count(coalesce(p.qual, ''), 'SELECT auth\.(uid|jwt)\(\)')
       or regexp_count(coalesce(p.with_check, ''), 'auth\.(uid|jwt)\(\)')
           > regexp_count(coalesce(p.with_check, ''), 'SELECT auth\.(uid|jwt)\(\)'))
