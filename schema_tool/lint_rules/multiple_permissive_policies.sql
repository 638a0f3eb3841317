-- id: multiple-permissive-policies
-- level: warning
-- object: table
-- description: Several permissive policies apply to the same role and action, so every one of them runs for each row.
-- hint: merge them into one policy per role and action (or make the extra ones restrictive).
with expanded as (
    select p.schemaname, p.tablename, p.policyname, role, command
    from pg_catalog.pg_policies as p
    cross join lateral unnest(p.roles) as role
    cross join lateral unnest(case when p.cmd = 'ALL' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
                                   else array[p.cmd] end) as command
    where p.permissive = 'PERMISSIVE'
      and (p.schemaname = 'public' or (p.schemaname = 'storage' and p.tablename = 'objects'))
)
select format('%I.%I', schemaname, tablename) as object,
       format('%s permissive policies for %s %s: %s', count(*), role, command,
              string_agg(policyname, ', ' order by policyname)) as message
from expanded
group by schemaname, tablename, role, command
having count(*) > 1
