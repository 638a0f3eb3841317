-- level: warning
-- description: Several permissive policies apply to the same role and action, so every one of them runs for each row.
-- hint: merge them into one policy per role and action (or make the extra ones restrictive).
-- A policy TO public applies to anon and authenticated as well. One finding per table and set of
-- overlapping policies, naming the roles and actions they share.
with expanded as (
    select p.schemaname, p.tablename, p.policyname, role, command
    from pg_catalog.pg_policies as p
    cross join lateral unnest(case when 'public' = any (p.roles)
                                   then p.roles || array['anon', 'authenticated']::name[]
                                   else p.roles end) as role
    cross join lateral unnest(case when p.cmd = 'ALL' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
                                   else array[p.cmd] end) as command
    where p.permissive = 'PERMISSIVE'
      and (p.schemaname = 'public' or (p.schemaname = 'storage' and p.tablename = 'objects'))
),
shared as (
    select schemaname, tablename, role, command,
           array_agg(distinct policyname order by policyname) as policies
    from expanded
    group by schemaname, tablename, role, command
    having count(distinct policyname) > 1
)
select schemaname::text as schema, null as "table", tablename::text as name, 'table' as kind,
       format('permissive policies %s all apply to %s on %s', array_to_string(policies, ', '),
              string_agg(distinct role, ', '), string_agg(distinct command, ', ')) as message
from shared
group by schemaname, tablename, policies
