"""The catalog model: what a database holds, one typed row class and one query per object kind.

Every query is a .sql file beside this module (package data), read by `read` with two
parameters: `excluded`, the platform schemas left out (PLATFORM_SCHEMAS), and
`schemas`, the schemas compared (the rows of schemas.sql). `read_all` reads
every kind with an empty search_path, so the server prints every name
schema-qualified and two databases compare alike whatever their search_path.

The rows are dataclasses (below, one per kind), and also answer `row["field"]`
and `row.get("field")` so that templates and older callers can treat them as
mappings. The diff (schema_tool.diff), the linter and the docs read this model;
none of them keeps a second set of catalog queries.

Identities: a relation, type, collation or index is `schema.name` and a column
`schema.table.column` (quoted as PostgreSQL quotes identifiers); a function is
its regprocedure `schema.name(argument types)`; a constraint, trigger or
policy is `name on schema.table`. The `dependencies` kind links them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import psycopg
from psycopg.rows import class_row

from schema_tool.catalog.platform import PLATFORM_SCHEMAS

# Kinds whose query reads a table that exists only where the platform
# provides it (storage on Supabase or the bootstrap, cron with pg_cron).
REQUIRES = {"buckets": "storage.buckets", "cron_jobs": "cron.job"}


class Row:
    """Mapping-style access to a row's fields: row["name"], row.get("name")."""

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def keys(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self)]


@dataclass
class Schema(Row):
    """A compared schema. privileges: grantee=PRIVILEGE, the owner left out."""
    name: str
    qualified: str
    comment: str | None
    privileges: list[str]


@dataclass
class Extension(Row):
    name: str
    version: str
    schema: str
    comment: str | None = None


@dataclass
class Collation(Row):
    schema: str
    name: str
    qualified: str
    provider: str  # c libc, i icu, d default, b builtin
    deterministic: bool
    locale: str | None
    lc_collate: str | None
    lc_ctype: str | None
    comment: str | None


@dataclass
class Table(Row):
    """A table. kind: r plain, p partitioned; persistence: p logged, u unlogged."""
    schema: str
    name: str
    qualified: str
    rls_enabled: bool
    rls_forced: bool
    kind: str
    persistence: str
    options: list[str]
    partition_key: str | None
    partition_of: str | None
    partition_bound: str | None
    inherits: list[str]
    comment: str | None
    owner: str = ""  # not compared: it names the owner in GRANT/REVOKE on the owner's own privileges


@dataclass
class Column(Row):
    """A column of a table, view or materialized view. identity: '' none, a always, d by default;
    generated: '' no, s stored, v virtual; inherited: from a parent, not declared locally."""
    schema: str
    table_name: str
    name: str
    quoted: str
    position: int
    type: str
    not_null: bool
    default_value: str | None
    identity: str
    generated: str
    collation: str | None
    inherited: bool
    comment: str | None


@dataclass
class Constraint(Row):
    """type: p primary, u unique, f foreign, c check, x exclusion. on_delete/on_update: a no action,
    r restrict, c cascade, n set null, d set default."""
    schema: str
    table_name: str
    name: str
    type: str
    definition: str
    columns: list[str]
    ref_schema: str | None
    ref_table: str | None
    ref_columns: list[str]
    on_delete: str
    on_update: str
    deferrable: bool
    deferred: bool
    validated: bool
    inherited: bool
    comment: str | None


@dataclass
class Index(Row):
    schema: str
    table_name: str
    name: str
    qualified: str
    method: str
    is_unique: bool
    is_primary: bool
    definition: str
    predicate: str | None
    opclasses: list[str]
    options: list[str]
    backs_constraint: bool
    inherited: bool
    comment: str | None


@dataclass
class Sequence(Row):
    schema: str
    name: str
    qualified: str
    type: str
    start: int
    increment: int
    minimum: int
    maximum: int
    cache: int
    cycle: bool
    owned_by: str | None
    comment: str | None
    owner: str = ""


@dataclass
class Type(Row):
    """kind: e enum (labels), d domain (base_type, not_null, default_value, collation, checks),
    c composite (attributes)."""
    schema: str
    name: str
    qualified: str
    kind: str
    labels: list[str]
    base_type: str | None
    not_null: bool
    default_value: str | None
    collation: str | None
    checks: list[str]
    attributes: list[str]
    comment: str | None


@dataclass
class View(Row):
    schema: str
    name: str
    qualified: str
    materialized: bool
    options: list[str]
    definition: str
    reads: list[str]
    comment: str | None
    owner: str = ""


@dataclass
class Function(Row):
    """A function (kind f), procedure (p) or window function (w). volatility: i, s, v;
    parallel: s safe, r restricted, u unsafe; privileges: grantee=EXECUTE, the owner left out."""
    schema: str
    name: str
    identity: str
    arguments: str
    arguments_declared: str
    result: str | None
    kind: str
    language: str
    volatility: str
    security_definer: bool
    strict: bool
    leakproof: bool
    parallel: str
    config: list[str] | None
    body: str
    definition: str
    privileges: list[str]
    comment: str | None


@dataclass
class Trigger(Row):
    """enabled: O origin (enabled), D disabled, R replica, A always."""
    schema: str
    table_name: str
    name: str
    function_schema: str
    function_name: str
    function_identity: str
    enabled: str
    inherited: bool
    definition: str
    comment: str | None


@dataclass
class Policy(Row):
    schema: str
    table_name: str
    name: str
    command: str
    permissive: str
    roles: list[str]
    using_expression: str | None
    check_expression: str | None
    comment: str | None


@dataclass
class Grant(Row):
    """A privilege on a table, view or sequence (object_kind), or on one column of it (column_name).
    grantee: a role, PUBLIC, or OWNER for the object's owner (whoever that is, so that two databases
    owned by different roles compare alike)."""
    schema: str
    table_name: str
    object_kind: str
    grantee: str
    privilege: str
    column_name: str | None
    grantable: bool


@dataclass
class DefaultPrivilege(Row):
    """ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema]; object_type r, S, f, T or n."""
    role: str
    schema: str | None
    object_type: str
    grantee: str
    privilege: str
    grantable: bool


@dataclass
class Bucket(Row):
    id: str
    name: str
    public: bool
    file_size_limit: Any = None
    allowed_mime_types: Any = None


@dataclass
class CronJob(Row):
    name: str
    schedule: str
    command: str
    active: bool = True


@dataclass
class Dependency(Row):
    """kind:identity depends on ref_kind:ref_identity; type n normal, a automatic (pg_depend)."""
    kind: str
    identity: str
    ref_kind: str
    ref_identity: str
    type: str


@dataclass
class Unmodelled(Row):
    """An object of a compared schema the model does not describe."""
    kind: str
    schema: str | None
    name: str


ROW_TYPES: dict[str, type] = {
    "schemas": Schema, "extensions": Extension, "collations": Collation, "tables": Table, "columns": Column,
    "constraints": Constraint, "indexes": Index, "sequences": Sequence, "types": Type, "views": View,
    "functions": Function, "triggers": Trigger, "policies": Policy, "grants": Grant,
    "default_privileges": DefaultPrivilege, "buckets": Bucket, "cron_jobs": CronJob,
    "dependencies": Dependency, "unmodelled": Unmodelled,
}
KINDS = tuple(ROW_TYPES)


@cache
def query(kind: str) -> str:
    return resources.files(__name__).joinpath(f"{kind}.sql").read_text(encoding="utf-8")


def compared_schemas(conn: psycopg.Connection, excluded: tuple[str, ...] = PLATFORM_SCHEMAS) -> list[str]:
    return [s.name for s in _run(conn, "schemas", {"excluded": list(excluded), "schemas": []})]


def _run(conn: psycopg.Connection, kind: str, params: dict) -> list:
    return _send(conn, kind, params).fetchall()


def _send(conn: psycopg.Connection, kind: str, params: dict) -> psycopg.Cursor:
    return conn.cursor(row_factory=_row_of(ROW_TYPES[kind])).execute(query(kind), params)


def _row_of(cls: type):
    """A row factory building `cls` from each row: positionally where the query's columns are the
    dataclass's fields in order (ten times cheaper than by keyword, and most of the client's time on
    a large catalog), else by name."""
    fields = [f.name for f in dataclasses.fields(cls)]

    def factory(cursor):
        names = [column.name for column in cursor.description or ()]
        if names == fields[:len(names)]:
            return lambda values: cls(*values)
        return class_row(cls)(cursor)
    return factory


def _platform_table(conn: psycopg.Connection, kind: str) -> tuple[bool, bool]:
    """(exists, readable) for the platform table a kind reads, looked up in pg_class: to_regclass
    itself fails where the user lacks USAGE on the table's schema."""
    schema, table = REQUIRES[kind].split(".")
    row = conn.execute(
        "select has_schema_privilege(n.oid, 'usage') and has_table_privilege(c.oid, 'select') "
        "from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relname = %s", (schema, table)).fetchone()
    return row is not None, bool(row and row[0])


def absent(conn: psycopg.Connection, kind: str) -> bool:
    """Whether the platform table a kind reads is missing here (no pg_cron, no storage schema)."""
    return kind in REQUIRES and not _platform_table(conn, kind)[0]


def read(conn: psycopg.Connection, kind: str, schemas: list[str] | None = None,
         excluded: tuple[str, ...] = PLATFORM_SCHEMAS) -> list:
    """Rows of one object kind; [] where the kind's platform table is absent."""
    if absent(conn, kind):
        return []
    if schemas is None:
        schemas = compared_schemas(conn, excluded)
    return _run(conn, kind, {"excluded": list(excluded), "schemas": schemas})


@dataclass
class Catalog:
    """Every object kind of a database, read in one pass: rows[kind] is a list of that kind's rows
    (None for buckets or cron_jobs where the platform table is absent, or in `unreadable` where the
    connected user may not read it)."""

    rows: dict[str, list | None]
    unreadable: frozenset[str] = frozenset()
    server_version: int = 0  # server_version_num; 0 where unknown
    # of_table's index: kind -> (the rows it was built from, their count, rows by (schema, table))
    _by_table: dict = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, kind: str) -> list:
        return self.rows.get(kind) or []

    def present(self, kind: str) -> bool:
        return self.rows.get(kind) is not None

    def of_table(self, kind: str, table: str, schema: str = "public") -> list:
        """The kind's rows on one table, through an index built at first use: the docs ask it of every
        table for every kind, and scanning all rows each time was most of their work."""
        rows = self[kind]
        built = self._by_table.get(kind)
        if built is None or built[0] is not rows or built[1] != len(rows):
            index: dict[tuple, list] = {}
            for r in rows:
                index.setdefault((r.get("schema"), r.get("table_name")), []).append(r)
            built = self._by_table[kind] = (rows, len(rows), index)
        return list(built[2].get((schema, table), ()))

    def table_names(self) -> list[str]:
        return [t.name for t in self["tables"]]


def read_all(conn: psycopg.Connection, kinds: tuple[str, ...] = KINDS,
             excluded: tuple[str, ...] = PLATFORM_SCHEMAS) -> Catalog:
    """Every kind, read with an empty search_path (names print schema-qualified)."""
    previous = conn.execute("select current_setting('search_path')").fetchone()[0]
    conn.execute("select set_config('search_path', '', false)")
    try:
        params = {"excluded": list(excluded), "schemas": compared_schemas(conn, excluded)}
        platform = {kind: _platform_table(conn, kind) for kind in kinds if kind in REQUIRES}  # (exists, readable)
        hidden = frozenset(kind for kind, (exists, readable) in platform.items() if exists and not readable)
        skipped = {kind for kind, (_, readable) in platform.items() if not readable}
        version = conn.execute("select current_setting('server_version_num')::int").fetchone()[0]
        # One pipeline: every kind's query is sent at once and the server runs them back to back,
        # without waiting for this side to ask for the next (one round trip instead of one per kind).
        with conn.pipeline():
            cursors = {kind: _send(conn, kind, params) for kind in kinds if kind not in skipped}
        return Catalog({kind: cursors[kind].fetchall() if kind in cursors else None for kind in kinds}, hidden, version)
    finally:
        conn.execute("select set_config('search_path', %s, false)", (previous,))
