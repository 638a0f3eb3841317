"""SQL text helpers: identifiers quoted exactly as PostgreSQL's quote_ident does, literals."""

from __future__ import annotations

import re
from functools import cache

# pg_get_keywords() where catcode <> 'U' (PostgreSQL 18): quote_ident quotes these.
KEYWORDS = frozenset("""
all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case
cast char character check coalesce collate collation column concurrently constraint create cross current_catalog
current_date current_role current_schema current_time current_timestamp current_user dec decimal default
deferrable desc distinct do else end except exists extract false fetch float for foreign freeze from full grant
greatest group grouping having ilike in initially inner inout int integer intersect interval into is isnull join
json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize
json_table json_value lateral leading least left like limit localtime localtimestamp merge_action national
natural nchar none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay
placing position precision primary real references returning right row select session_user setof similar
smallint some substring symmetric system_user table tablesample then time timestamp to trailing treat trim true
union unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat
xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable
""".split())


PLAIN = re.compile(r"[a-z_][a-z0-9_]*")


@cache  # a diff quotes the same few hundred names thousands of times
def ident(name: str) -> str:
    """An identifier, quoted only where PostgreSQL needs it (as quote_ident and format('%I') do)."""
    if PLAIN.fullmatch(name) and name not in KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


@cache
def qualified(schema: str, name: str) -> str:
    return f"{ident(schema)}.{ident(name)}"


def literal(text: str | None) -> str:
    return "null" if text is None else "'" + str(text).replace("'", "''") + "'"


def role(name: str) -> str:
    """A grantee as written in GRANT: PUBLIC, or a role name (regrole text is already quoted)."""
    return "public" if name in ("PUBLIC", "public") else name


def on(name: str, schema: str, table: str) -> str:
    """The identity of a constraint, trigger or policy: name on schema.table."""
    return f"{ident(name)} on {qualified(schema, table)}"
