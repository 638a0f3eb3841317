"""The tenant-isolation matrix, generated over every table of public.

For every table with a row factory, acting as Supabase's real roles: user B
can neither read, update nor delete user A's row, nor insert a row owned by A
or hanging under A's parent objects; anon reads and writes nothing (unless
the table is meant for it); service_role sees everything. Positive controls
(A reads own rows) keep the negative checks from passing vacuously.
`test_every_table_has_a_factory` fails when a table of the catalog has none,
so a new table is covered the day it is added.
"""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from schema_tool.catalog.platform import TENANT_COLUMNS_QUERY
from tests.factories import REGISTRY, load_all

load_all()
TABLES = sorted(REGISTRY)
# A refused write is either a privilege/RLS refusal or an integrity refusal
# (a composite foreign key tying the child's tenant to its parent's).
REFUSED = (psycopg.errors.InsufficientPrivilege, psycopg.errors.ForeignKeyViolation,
           psycopg.errors.CheckViolation, psycopg.errors.RaiseException)



@pytest.fixture(params=TABLES)
def case(request, db):
    """(db, access, tenant column, A's id, A's row, B's id) for one table."""
    access = REGISTRY[request.param]
    a, b = db.new_user(), db.new_user()
    row = access.make(db, a)
    tenant = tenant_column(db, access.table)
    if access.access not in ("global", "service"):
        assert tenant is not None, f"{access.table} has no tenant column referencing auth.users"
        assert row[tenant] == a, f"the {access.table} factory must make a row owned by the given user"
    return db, access, tenant, a, row, b


def tenant_column(db, table: str) -> str | None:
    found = db.execute(f"select t.attname from ({TENANT_COLUMNS_QUERY}) as t where t.table_name = %s",
                       (table,)).fetchone()
    return found["attname"] if found else None


def primary_key(db, table: str) -> list[str]:
    rows = db.execute(
        """
        select a.attname
        from pg_index as i
        join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
        where i.indrelid = format('public.%%I', %s::text)::regclass and i.indisprimary
        order by array_position(i.indkey::int2[], a.attnum)
        """,
        (table,),
    ).fetchall()
    return [r["attname"] for r in rows]


def where_row(db, table: str, row: dict) -> tuple[sql.Composable, list]:
    keys = primary_key(db, table)
    assert keys, f"{table} has no primary key"
    clause = sql.SQL(" and ").join(sql.SQL("{} = %s").format(sql.Identifier(k)) for k in keys)
    return clause, [row[k] for k in keys]


def count_visible(cur, table: str, clause, params) -> int:
    query = sql.SQL("select count(*) as n from public.{} where ").format(sql.Identifier(table)) + clause
    return cur.execute(query, params).fetchone()["n"]


def insertable_columns(db, table: str) -> list[str]:
    rows = db.execute(
        """
        select attname from pg_attribute
        where attrelid = format('public.%%I', %s::text)::regclass
          and attnum > 0 and not attisdropped and attgenerated = '' and attidentity <> 'a'
        order by attnum
        """,
        (table,),
    ).fetchall()
    return [r["attname"] for r in rows]


def copy_statement(db, table: str, row: dict, **changes) -> tuple[sql.Composable, list]:
    """An INSERT of a copy of `row` with a new id and the given changes, prepared as superuser
    (run it afterwards as the role under test)."""
    clause, params = where_row(db, table, row)
    data = db.execute(sql.SQL("select to_jsonb(t) as j from public.{} as t where ").format(sql.Identifier(table))
                      + clause, params).fetchone()["j"]
    if "id" in primary_key(db, table):
        data["id"] = str(uuid.uuid4())
    data.update({k: str(v) for k, v in changes.items()})
    columns = sql.SQL(", ").join(map(sql.Identifier, insertable_columns(db, table)))
    query = sql.SQL("insert into public.{t} ({c}) select {c} from jsonb_populate_record(null::public.{t}, %s)").format(
        t=sql.Identifier(table), c=columns)
    return query, [Jsonb(data)]


def refused_or_invisible(run) -> bool:
    """True when a write was refused outright or touched no row."""
    try:
        return run() == 0
    except REFUSED:
        return True


def test_every_table_has_a_factory(db):
    tables = {r["name"] for r in db.execute(
        "select c.relname as name from pg_class as c where c.relnamespace = 'public'::regnamespace "
        "and c.relkind in ('r', 'p')").fetchall()}
    missing = sorted(tables - set(REGISTRY))
    assert not missing, f"tables without a row factory in tests/factories: {missing}"
    unknown = sorted(set(REGISTRY) - tables)
    assert not unknown, f"factories for tables that do not exist: {unknown}"


def test_rls_is_enabled(case):
    db, access, *_ = case
    enabled = db.execute("select relrowsecurity as on from pg_class where oid = format('public.%%I', %s::text)::regclass",
                         (access.table,)).fetchone()["on"]
    assert enabled, f"row level security is off on {access.table}"


def test_owner_reads_own_row(case):
    db, access, _, a, row, b = case
    clause, params = where_row(db, access.table, row)
    if access.access == "service":
        pytest.skip("service table: no signed-in user reads it (test_b_cannot_read_a covers that)")
    reader = a if access.access != "global" else b
    with db.as_user(reader) as cur:
        assert count_visible(cur, access.table, clause, params) == 1


def test_b_cannot_read_a(case):
    db, access, _, a, row, b = case
    if access.access == "global":
        pytest.skip("global table: every authenticated user reads it by design")
    clause, params = where_row(db, access.table, row)
    try:
        with db.as_user(b) as cur:
            assert count_visible(cur, access.table, clause, params) == 0
    except psycopg.errors.InsufficientPrivilege:
        pass


def test_b_cannot_update_a(case):
    db, access, tenant, a, row, b = case
    clause, params = where_row(db, access.table, row)
    column = tenant or primary_key(db, access.table)[0]
    query = sql.SQL("update public.{} set {c} = {c} where ").format(sql.Identifier(access.table),
                                                                    c=sql.Identifier(column)) + clause

    def run():
        with db.as_user(b) as cur:
            return cur.execute(query, params).rowcount

    assert refused_or_invisible(run), f"user B updated a row of {access.table} that is not B's"


def test_b_cannot_delete_a(case):
    db, access, _, a, row, b = case
    clause, params = where_row(db, access.table, row)
    query = sql.SQL("delete from public.{} where ").format(sql.Identifier(access.table)) + clause

    def run():
        with db.as_user(b) as cur:
            return cur.execute(query, params).rowcount

    assert refused_or_invisible(run), f"user B deleted a row of {access.table} that is not B's"
    assert count_visible(db.conn.cursor(row_factory=psycopg.rows.dict_row), access.table, clause, params) == 1


def test_b_cannot_insert_a_row_owned_by_a(case):
    db, access, tenant, a, row, b = case
    statement = copy_statement(db, access.table, row)
    with pytest.raises(REFUSED):
        with db.as_user(b) as cur:
            cur.execute(*statement)


def test_b_cannot_insert_under_a_parent(case):
    db, access, tenant, a, row, b = case
    parents = tenant_parents(db, access.table)
    if access.access in ("global", "service") or not parents:
        pytest.skip("no parent owned by a tenant")
    statement = copy_statement(db, access.table, row, **{tenant: b})
    # Remove A's original so that only the tie to A's parent can refuse the
    # copy (not a unique constraint the copy would also collide with).
    clause, params = where_row(db, access.table, row)
    db.execute(sql.SQL("delete from public.{} where ").format(sql.Identifier(access.table)) + clause, params)
    with pytest.raises(REFUSED):
        with db.as_user(b) as cur:
            cur.execute(*statement)


def tenant_parents(db, table: str) -> list[str]:
    """Foreign keys of `table` to other tables of public that have a tenant column."""
    rows = db.execute(
        """
        select distinct p.relname
        from pg_constraint as c
        join pg_class as p on p.oid = c.confrelid
        where c.conrelid = format('public.%%I', %s::text)::regclass
          and c.contype = 'f'
          and p.relnamespace = 'public'::regnamespace
          and exists (
              select from pg_constraint as pc
              where pc.conrelid = p.oid and pc.contype = 'f' and pc.confrelid = 'auth.users'::regclass
          )
        """,
        (table,),
    ).fetchall()
    return [r["relname"] for r in rows]


def test_anon_reads_nothing(case):
    db, access, _, a, row, b = case
    clause, params = where_row(db, access.table, row)
    try:
        with db.as_anon() as cur:
            assert count_visible(cur, access.table, clause, params) == 0
    except psycopg.errors.InsufficientPrivilege:
        pass


def test_anon_cannot_write(case):
    db, access, tenant, a, row, b = case
    clause, params = where_row(db, access.table, row)
    query = sql.SQL("delete from public.{} where ").format(sql.Identifier(access.table)) + clause

    def run():
        with db.as_anon() as cur:
            return cur.execute(query, params).rowcount

    assert refused_or_invisible(run)
    if not access.anon_insert:
        statement = copy_statement(db, access.table, row)
        with pytest.raises(REFUSED):
            with db.as_anon() as cur:
                cur.execute(*statement)


def test_service_role_sees_every_row(case):
    db, access, _, a, row, b = case
    clause, params = where_row(db, access.table, row)
    with db.as_service_role() as cur:
        assert count_visible(cur, access.table, clause, params) == 1


def test_owner_writes_only_as_declared(case):
    """The tenant's own writes match the declared access (read_own tables are not writable)."""
    db, access, tenant, a, row, b = case
    if access.update_own:
        pytest.skip("the tenant may update own rows")
    clause, params = where_row(db, access.table, row)
    column = tenant or primary_key(db, access.table)[0]
    query = sql.SQL("update public.{} set {c} = {c} where ").format(sql.Identifier(access.table),
                                                                    c=sql.Identifier(column)) + clause

    def run():
        with db.as_user(a) as cur:
            return cur.execute(query, params).rowcount

    assert refused_or_invisible(run), f"the tenant updated own row of {access.table}, declared not updatable"
