-- User triggers on tables of the compared schemas, and triggers on platform
-- tables that call a function of a compared schema (such as the new-user
-- trigger on auth.users). inherited: cloned onto a partition from its parent.
select
    n.nspname as schema,
    c.relname as table_name,
    t.tgname as name,
    fn.nspname as function_schema,
    f.proname as function_name,
    f.oid::regprocedure::text as function_identity,
    t.tgenabled as enabled,
    t.tgparentid <> 0 as inherited,
    pg_catalog.pg_get_triggerdef(t.oid, true) as definition,
    dsc.description as comment
from pg_catalog.pg_trigger as t
join pg_catalog.pg_class as c on c.oid = t.tgrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
join pg_catalog.pg_proc as f on f.oid = t.tgfoid
join pg_catalog.pg_namespace as fn on fn.oid = f.pronamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = t.oid and dsc.classoid = 'pg_catalog.pg_trigger'::regclass and dsc.objsubid = 0
where not t.tgisinternal
    and (n.nspname = any(%(schemas)s::text[]) or fn.nspname = any(%(schemas)s::text[]))
order by 1, 2, 3
