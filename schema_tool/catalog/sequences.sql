-- Sequences of the compared schemas that are not the internal sequence of an
-- identity column; owned_by names the column whose drop drops the sequence.
select
    n.nspname as schema,
    c.relname as name,
    format('%%I.%%I', n.nspname, c.relname) as qualified,
    pg_catalog.format_type(s.seqtypid, null) as type,
    s.seqstart as start,
    s.seqincrement as increment,
    s.seqmin as minimum,
    s.seqmax as maximum,
    s.seqcache as cache,
    s.seqcycle as cycle,
    (
        select format('%%I.%%I.%%I', tn.nspname, t.relname, a.attname)
        from pg_catalog.pg_depend as d
        join pg_catalog.pg_class as t on t.oid = d.refobjid
        join pg_catalog.pg_namespace as tn on tn.oid = t.relnamespace
        join pg_catalog.pg_attribute as a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'a'
            and d.refclassid = 'pg_class'::regclass
    ) as owned_by,
    dsc.description as comment,
    c.relowner::regrole::text as owner
from pg_catalog.pg_sequence as s
join pg_catalog.pg_class as c on c.oid = s.seqrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
left join pg_catalog.pg_description as dsc
    on dsc.objoid = c.oid and dsc.classoid = 'pg_catalog.pg_class'::regclass and dsc.objsubid = 0
where n.nspname = any(%(schemas)s::text[])
    and not exists (
        select from pg_catalog.pg_depend as d
        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('i', 'e')
    )
order by 1, 2
