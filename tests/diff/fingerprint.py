"""An independent fingerprint of a database's schema, read straight from pg_catalog.

It shares no code with schema_tool.catalog: the diff tests compare it between
the database a script was applied to and the one it should have become, so a
blind spot of the catalog model (a privilege it does not read, a column that
lost its local definition) cannot hide a wrong script. Owners are written as
OWNER, column positions and OIDs are left out; everything else of the compared
schemas is in it.
"""

from __future__ import annotations

import psycopg

LEFT_OUT = ("pg_catalog", "information_schema", "schema_tool", "auth", "storage", "extensions", "cron",
            "graphql", "graphql_public", "realtime", "vault", "pgsodium", "net", "supabase_functions")

SCHEMAS = """
select n.oid from pg_catalog.pg_namespace as n
where n.nspname <> all(%(left_out)s::text[]) and n.nspname not like 'pg\\_%%'
"""

# aclexplode with the owner written as OWNER and PUBLIC as PUBLIC; the default ACL where the stored one is null
ACL = """
(select coalesce(string_agg(e, ',' order by e), '') from (
    select case when x.grantee = {owner} then 'OWNER' when x.grantee = 0 then 'PUBLIC'
                else x.grantee::regrole::text end
           || '=' || x.privilege_type || case when x.is_grantable then '*' else '' end as e
    from aclexplode(coalesce({acl}, acldefault({kind}, {owner}))) as x) as acl)
"""

RELATION_ACL = ACL.format(acl="c.relacl", kind="(case c.relkind when 'S' then 's' else 'r' end)::\"char\"",
                          owner="c.relowner")

QUERIES = {
    "schema": f"""
        select n.nspname, obj_description(n.oid, 'pg_namespace'),
               {ACL.format(acl='n.nspacl', kind="'n'", owner='n.nspowner')}
        from pg_catalog.pg_namespace as n where n.oid in ({SCHEMAS})""",
    "relation": f"""
        select c.oid::regclass::text, c.relkind, c.relpersistence, c.reloptions::text, c.relrowsecurity,
               c.relforcerowsecurity, c.relispartition, pg_catalog.pg_get_expr(c.relpartbound, c.oid),
               case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end,
               obj_description(c.oid, 'pg_class'),
               {RELATION_ACL}
        from pg_catalog.pg_class as c
        where c.relnamespace in ({SCHEMAS}) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'c', 'f')""",
    "index": """
        select c.oid::regclass::text, pg_catalog.pg_get_indexdef(c.oid), obj_description(c.oid, 'pg_class')
        from pg_catalog.pg_class as c where c.relnamespace in ({schemas}) and c.relkind in ('i', 'I')""",
    "column": """
        select a.attrelid::regclass::text, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attislocal,
               a.attinhcount, a.attcollation::regcollation::text, col_description(a.attrelid, a.attnum),
               (select string_agg(e, ',' order by e) from (
                   select case when x.grantee = 0 then 'PUBLIC' else x.grantee::regrole::text end
                          || '=' || x.privilege_type as e from aclexplode(a.attacl) as x) as acl)
        from pg_catalog.pg_attribute as a
        join pg_catalog.pg_class as c on c.oid = a.attrelid
        left join pg_catalog.pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where c.relnamespace in ({schemas}) and c.relkind in ('r', 'p', 'v', 'm', 'c', 'f')
            and a.attnum > 0 and not a.attisdropped""",
    "constraint": """
        select conrelid::regclass::text, contypid::regtype::text, conname, pg_catalog.pg_get_constraintdef(oid),
               convalidated, conislocal, coninhcount, obj_description(oid, 'pg_constraint')
        from pg_catalog.pg_constraint where connamespace in ({schemas}) and contype <> 'n'""",
    "inherits": """
        select inhrelid::regclass::text, inhparent::regclass::text, inhseqno from pg_catalog.pg_inherits as i
        join pg_catalog.pg_class as c on c.oid = i.inhrelid where c.relnamespace in ({schemas})""",
    "type": """
        select t.oid::regtype::text, t.typtype, pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull,
               t.typdefault, t.typcollation::regcollation::text, obj_description(t.oid, 'pg_type'),
               (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_catalog.pg_enum as e
                where e.enumtypid = t.oid)
        from pg_catalog.pg_type as t
        where t.typnamespace in ({schemas}) and t.typtype in ('e', 'd', 'r', 'b')
            or t.typnamespace in ({schemas}) and t.typtype = 'c'
                and (select relkind from pg_catalog.pg_class where oid = t.typrelid) = 'c'""",
    "function": f"""
        select p.oid::regprocedure::text, pg_catalog.pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc'),
               {ACL.format(acl='p.proacl', kind="'f'", owner='p.proowner')}
        from pg_catalog.pg_proc as p
        where p.pronamespace in ({SCHEMAS}) and p.prokind <> 'a'
            and not exists (select from pg_catalog.pg_depend as d
                            where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')""",
    "trigger": """
        select t.tgrelid::regclass::text, t.tgname, pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled,
               obj_description(t.oid, 'pg_trigger')
        from pg_catalog.pg_trigger as t where not t.tgisinternal""",
    "policy": """
        select schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check
        from pg_catalog.pg_policies""",
    "view": """
        select c.oid::regclass::text, pg_catalog.pg_get_viewdef(c.oid) from pg_catalog.pg_class as c
        where c.relnamespace in ({schemas}) and c.relkind in ('v', 'm')""",
    "sequence": """
        select s.seqrelid::regclass::text, s.seqtypid::regtype::text, s.seqstart, s.seqincrement, s.seqmax,
               s.seqmin, s.seqcache, s.seqcycle
        from pg_catalog.pg_sequence as s join pg_catalog.pg_class as c on c.oid = s.seqrelid
        where c.relnamespace in ({schemas})""",
    "default_acl": """
        select d.defaclrole::regrole::text, d.defaclnamespace::regnamespace::text, d.defaclobjtype,
               (select string_agg(e, ',' order by e) from (
                   select case when x.grantee = d.defaclrole then 'OWNER' when x.grantee = 0 then 'PUBLIC'
                               else x.grantee::regrole::text end || '=' || x.privilege_type as e
                   from aclexplode(d.defaclacl) as x) as acl)
        from pg_catalog.pg_default_acl as d""",
    "extension": "select extname, extversion, extnamespace::regnamespace::text from pg_catalog.pg_extension",
}


def fingerprint(url: str) -> dict[str, set[tuple]]:
    """Every kind's rows, as sets of tuples of text."""
    with psycopg.connect(url) as conn:
        return fingerprint_of(conn)


def fingerprint_of(conn: psycopg.Connection) -> dict[str, set[tuple]]:
    """The same, read through an open connection (inside its transaction, if one is open)."""
    out = {}
    conn.execute("set search_path = ''")
    for kind, sql in QUERIES.items():
        text = sql.replace("{schemas}", SCHEMAS) if "{schemas}" in sql else sql
        rows = conn.execute(text, {"left_out": list(LEFT_OUT)}).fetchall()
        out[kind] = {tuple("" if v is None else str(v) for v in row) for row in rows}
    return out


def differences(first: dict[str, set[tuple]], second: dict[str, set[tuple]]) -> list[str]:
    """What the first has that the second has not (-), and the reverse (+), by kind."""
    lines = []
    for kind in QUERIES:
        lines += [f"- {kind} {row}" for row in sorted(first[kind] - second[kind])]
        lines += [f"+ {kind} {row}" for row in sorted(second[kind] - first[kind])]
    return lines
