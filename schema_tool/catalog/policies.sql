-- Row level security policies on tables of the compared schemas and on
-- storage.objects (user policies on a platform table).
select
    n.nspname as schema,
    c.relname as table_name,
    p.polname as name,
    case p.polcmd
        when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL'
    end as command,
    case when p.polpermissive then 'PERMISSIVE' else 'RESTRICTIVE' end as permissive,
    array(
        select case when r.oid = 0 then 'public' else r.oid::regrole::text end
        from unnest(p.polroles) as r (oid)
        order by 1
    )::text[] as roles,
    pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using_expression,
    pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as check_expression,
    dsc.description as comment
from pg_catalog.pg_policy as p
join pg_catalog.pg_class as c on c.oid = p.polrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = p.oid and dsc.classoid = 'pg_catalog.pg_policy'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    or (n.nspname = 'storage' and c.relname = 'objects')
order by 1, 2, 3
