-- User triggers on application tables, and application triggers on platform
-- tables (such as the new-user trigger on auth.users).
select
    n.nspname as schema,
    c.relname as table_name,
    t.tgname as name,
    fn.nspname as function_schema,
    f.proname as function_name,
    t.tgenabled as enabled,
    pg_catalog.pg_get_triggerdef(t.oid, true) as definition
from pg_catalog.pg_trigger as t
join pg_catalog.pg_class as c on c.oid = t.tgrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
join pg_catalog.pg_proc as f on f.oid = t.tgfoid
join pg_catalog.pg_namespace as fn on fn.oid = f.pronamespace
where not t.tgisinternal
  and (n.nspname = 'public' or fn.nspname = 'public')
order by 1, 2, 3
