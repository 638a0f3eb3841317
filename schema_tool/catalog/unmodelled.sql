-- Objects of the compared schemas that the catalog model does not describe
-- (and settings of modelled tables it does not: publication membership,
-- replica identity): they are reported, never silently ignored.
-- objects that belong to an extension: the extension's, not the schema's
with extension_members as (
    select d.classid, d.objid
    from pg_catalog.pg_depend as d
    where d.deptype = 'e'
)
select 'foreign table' as kind, n.nspname as schema, c.relname as name
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s::text[]) and c.relkind = 'f'
union all
select 'aggregate', n.nspname, format('%%s(%%s)', p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid))
from pg_catalog.pg_proc as p
join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
where n.nspname = any(%(schemas)s::text[]) and p.prokind = 'a'
    and not exists (select from extension_members as m where m.classid = 'pg_proc'::regclass and m.objid = p.oid)
union all
select
    case t.typtype when 'r' then 'range type' when 'm' then 'multirange type' else 'base type' end,
    n.nspname, t.typname
from pg_catalog.pg_type as t
join pg_catalog.pg_namespace as n on n.oid = t.typnamespace
where n.nspname = any(%(schemas)s::text[]) and t.typtype in ('b', 'r') and t.typcategory <> 'A'
    and not exists (select from extension_members as m where m.classid = 'pg_type'::regclass and m.objid = t.oid)
union all
select 'rule', n.nspname, format('%%s on %%s', r.rulename, c.relname)
from pg_catalog.pg_rewrite as r
join pg_catalog.pg_class as c on c.oid = r.ev_class
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s::text[]) and r.rulename <> '_RETURN'
union all
select 'operator', n.nspname, format('%%s(%%s, %%s)', o.oprname, o.oprleft::regtype, o.oprright::regtype)
from pg_catalog.pg_operator as o
join pg_catalog.pg_namespace as n on n.oid = o.oprnamespace
where n.nspname = any(%(schemas)s::text[])
    and not exists (select from extension_members as m where m.classid = 'pg_operator'::regclass and m.objid = o.oid)
union all
select 'statistics object', n.nspname, s.stxname
from pg_catalog.pg_statistic_ext as s
join pg_catalog.pg_namespace as n on n.oid = s.stxnamespace
where n.nspname = any(%(schemas)s::text[])
union all
select 'text search configuration', n.nspname, c.cfgname
from pg_catalog.pg_ts_config as c
join pg_catalog.pg_namespace as n on n.oid = c.cfgnamespace
where n.nspname = any(%(schemas)s::text[])
    and not exists (select from extension_members as m where m.classid = 'pg_ts_config'::regclass and m.objid = c.oid)
union all
select 'event trigger', n.nspname, e.evtname
from pg_catalog.pg_event_trigger as e
join pg_catalog.pg_proc as p on p.oid = e.evtfoid
join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
where n.nspname = any(%(schemas)s::text[])
union all
select 'publication membership', n.nspname, format('%%s in publication %%s', c.relname, pb.pubname)
from pg_catalog.pg_publication_rel as pr
join pg_catalog.pg_publication as pb on pb.oid = pr.prpubid
join pg_catalog.pg_class as c on c.oid = pr.prrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s::text[])
union all
select 'publication membership', n.nspname, format('all tables of %%s in publication %%s', n.nspname, pb.pubname)
from pg_catalog.pg_publication_namespace as pn
join pg_catalog.pg_publication as pb on pb.oid = pn.pnpubid
join pg_catalog.pg_namespace as n on n.oid = pn.pnnspid
where n.nspname = any(%(schemas)s::text[])
union all
select 'replica identity', n.nspname,
       format('%%s: %%s', c.relname, case c.relreplident when 'f' then 'full' when 'n' then 'nothing' else 'index' end)
from pg_catalog.pg_class as c
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s::text[]) and c.relkind in ('r', 'p') and c.relreplident <> 'd'
union all
select 'operator class', n.nspname, format('%%s using %%s', o.opcname, am.amname)
from pg_catalog.pg_opclass as o
join pg_catalog.pg_am as am on am.oid = o.opcmethod
join pg_catalog.pg_namespace as n on n.oid = o.opcnamespace
where n.nspname = any(%(schemas)s::text[])
    and not exists (select from extension_members as m where m.classid = 'pg_opclass'::regclass and m.objid = o.oid)
union all
select 'cast', null, format('%%s as %%s', c.castsource::regtype, c.casttarget::regtype)
from pg_catalog.pg_cast as c
join pg_catalog.pg_proc as p on p.oid = c.castfunc
join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
where n.nspname = any(%(schemas)s::text[])
    and not exists (select from extension_members as m where m.classid = 'pg_cast'::regclass and m.objid = c.oid)
union all
select 'text search dictionary', n.nspname, d.dictname
from pg_catalog.pg_ts_dict as d
join pg_catalog.pg_namespace as n on n.oid = d.dictnamespace
where n.nspname = any(%(schemas)s::text[])
    and not exists (select from extension_members as m where m.classid = 'pg_ts_dict'::regclass and m.objid = d.oid)
union all
select 'foreign server', null, s.srvname
from pg_catalog.pg_foreign_server as s
where not exists (select from extension_members as m where m.classid = 'pg_foreign_server'::regclass and m.objid = s.oid)
order by 1, 2, 3
