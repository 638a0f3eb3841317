-- Row level security policies on application tables and on storage.objects.
select
    p.schemaname as schema,
    p.tablename as table_name,
    p.policyname as name,
    p.cmd as command,
    p.permissive,
    p.roles::text[] as roles,
    p.qual as using_expression,
    p.with_check as check_expression
from pg_catalog.pg_policies as p
where p.schemaname = 'public'
   or (p.schemaname = 'storage' and p.tablename = 'objects')
order by 1, 2, 3
