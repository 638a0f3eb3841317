-- Fingerprints of what each repeatable file defines: one md5 per file over
-- its objects' catalog rows. Read without deparsing, because pg_get_viewdef
-- locks every table a view reads; node trees, oids and ACLs say the same.
-- An absent object counts as 'absent', so its file's fingerprint changes
-- when the object goes. %(objects)s is a JSON array of
-- {file, kind, schema, name}: kind function (every overload of the name),
-- view, trigger (name is 'table.trigger'), policies (name is the table:
-- its policies and the grants on it and its columns).
with wanted as (
    select w.file, w.kind, w.schema, w.name, w.ord
    from rows from (
        jsonb_to_recordset(%(objects)s::jsonb) as (file text, kind text, schema text, name text)
    ) with ordinality as w (file, kind, schema, name, ord)
),
functions as (
    select
        w.file,
        w.ord,
        string_agg(concat_ws('|',
            p.proname, p.proargtypes::text, p.prorettype, p.proretset, p.prokind, p.provolatile,
            p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel, p.procost, p.prorows, p.prolang,
            p.proargnames::text, p.proargmodes::text, p.proallargtypes::text, p.proargdefaults::text,
            p.prosrc, p.probin, p.proconfig::text, p.proacl::text, d.description
        ), e'\n' order by p.proargtypes::text) as part
    from wanted as w
    join pg_catalog.pg_namespace as n on n.nspname = w.schema
    join pg_catalog.pg_proc as p on p.pronamespace = n.oid and p.proname = w.name
    left join pg_catalog.pg_description as d
        on d.objoid = p.oid and d.classoid = 'pg_catalog.pg_proc'::regclass and d.objsubid = 0
    where w.kind = 'function'
    group by w.file, w.ord
),
views as (
    select
        w.file,
        w.ord,
        concat_ws('|',
            c.relkind, c.reloptions::text, c.relacl::text, r.ev_action::text,
            obj_description(c.oid, 'pg_class'),
            (
                select string_agg(concat_ws(':', a.attname, a.atttypid, a.attacl::text,
                                            col_description(c.oid, a.attnum)), ',' order by a.attnum)
                from pg_catalog.pg_attribute as a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            )
        ) as part
    from wanted as w
    join pg_catalog.pg_namespace as n on n.nspname = w.schema
    join pg_catalog.pg_class as c on c.relnamespace = n.oid and c.relname = w.name and c.relkind in ('v', 'm')
    join pg_catalog.pg_rewrite as r on r.ev_class = c.oid and r.rulename = '_RETURN'
    where w.kind = 'view'
),
triggers as (
    select
        w.file,
        w.ord,
        concat_ws('|',
            t.tgname, t.tgfoid, t.tgtype, t.tgenabled, t.tgattr::text, encode(t.tgargs, 'hex'),
            t.tgqual::text, t.tgdeferrable, t.tginitdeferred, t.tgconstraint <> 0,
            obj_description(t.oid, 'pg_trigger')
        ) as part
    from wanted as w
    join pg_catalog.pg_namespace as n on n.nspname = w.schema
    join pg_catalog.pg_class as c on c.relnamespace = n.oid and c.relname = split_part(w.name, '.', 1)
    join pg_catalog.pg_trigger as t on t.tgrelid = c.oid and t.tgname = split_part(w.name, '.', 2)
    where w.kind = 'trigger'
),
policies as (
    select
        w.file,
        w.ord,
        concat_ws('|',
            c.relacl::text,
            (
                select string_agg(concat_ws(':', a.attname, a.attacl::text), ',' order by a.attnum)
                from pg_catalog.pg_attribute as a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attacl is not null
            ),
            (
                select string_agg(concat_ws(':',
                    p.polname, p.polcmd, p.polpermissive, p.polroles::text, p.polqual::text,
                    p.polwithcheck::text, obj_description(p.oid, 'pg_policy')
                ), ',' order by p.polname)
                from pg_catalog.pg_policy as p
                where p.polrelid = c.oid
            )
        ) as part
    from wanted as w
    join pg_catalog.pg_namespace as n on n.nspname = w.schema
    join pg_catalog.pg_class as c on c.relnamespace = n.oid and c.relname = w.name and c.relkind in ('r', 'p')
    where w.kind = 'policies'
),
parts as (
    select file, ord, part from functions
    union all
    select file, ord, part from views
    union all
    select file, ord, part from triggers
    union all
    select file, ord, part from policies
)
select
    w.file,
    md5(string_agg(concat_ws('=', w.kind, w.schema, w.name, coalesce(p.part, 'absent')), e'\n' order by w.ord))
        as fingerprint
from wanted as w
left join parts as p on p.file = w.file and p.ord = w.ord
group by w.file
