"""Tenant ties, generated from the catalog: a row only hangs under a parent of its own tenant.

Every foreign key of a table of public whose columns include the table's tenant
column (schema_tool/catalog/platform.py says what a tenant column is) ties the
child's tenant to the parent's. For each such key, user B's row is pointed at
user A's parent, and the foreign-key violation naming that key is expected:
- from the superuser and from service_role, who bypass row level security
  (keys bypass nothing);
- from B through the API, inserting a row and moving an own row, where the
  table lets a user insert (or update those columns of) own rows: row level
  security lets B's row through, the key does not. A positive control (the
  same row under B's own parent is accepted) keeps the refusal from being
  vacuous.
And deleting B's parent (through the API where B may) takes B's row with it
where the key cascades, or unlinks it and keeps its owner where the key sets
its pointing columns null.

Each key and way in is one subtest, named `<table>.<constraint>:<way>`.
`test_the_matrix_covers_the_ties_once_tested_by_hand` fails when the catalog
query finds fewer cases than the hand-written tests used to cover.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from schema_tool import catalog
from schema_tool.catalog.platform import TENANT_COLUMNS_QUERY, is_tenant_key
from tests.factories import REGISTRY, load_all

load_all()

# The keys the hand-written tenant-tie tests covered before this matrix replaced them, and how.
_CAMPAIGN_CHILDREN = ("campaign_metrics", "campaign_performance_metrics", "campaign_predictions", "campaign_tasks",
                      "generated_content_pieces", "workflow_executions")
TESTED_BY_HAND = {
    **{f"{table}_campaign_fkey": {"user-insert", "user-update", "superuser", "parent-deleted"}
       for table in _CAMPAIGN_CHILDREN},
    "leads_campaign_fkey": {"user-insert", "user-update", "superuser", "parent-deleted"},
    "campaign_performance_monitor_campaign_fkey": {"superuser", "parent-deleted"},
    "lead_activities_lead_fkey": {"user-insert", "superuser", "parent-deleted"},
    "autopilot_lead_inbox_lead_fkey": {"superuser", "parent-deleted"},
    "chat_messages_session_id_fkey": {"user-insert", "superuser", "parent-deleted"},
    "chat_sessions_campaign_id_fkey": {"user-insert"},
    "email_campaigns_template_id_fkey": {"user-insert", "parent-deleted"},
    "email_contacts_lead_id_fkey": {"user-insert"},
    "content_calendar_campaign_id_fkey": {"user-insert", "parent-deleted"},
    "content_calendar_template_id_fkey": {"superuser"},
    "brand_assets_digital_asset_id_fkey": {"user-insert"},
    "conversation_knowledge_refs_knowledge_chunk_id_fkey": {"user-insert", "superuser"},
    "conversation_messages_conversation_id_fkey": {"user-insert"},
    "research_notes_message_id_fkey": {"user-insert", "parent-deleted"},
    "knowledge_buckets_campaign_fkey": {"user-insert"},
    "knowledge_documents_bucket_fkey": {"user-insert"},
    "knowledge_chunks_document_fkey": {"user-insert", "service_role", "parent-deleted"},
    "social_platform_connections_oauth_fkey": {"user-insert", "parent-deleted"},
    "ai_video_jobs_project_fkey": {"superuser"},
    "campaign_copilot_sessions_campaign_fkey": {"superuser", "parent-deleted"},
    "ai_interaction_feedback_copilot_session_fkey": {"superuser"},
    **{f"{table}_campaign_fkey": {"user-update", "parent-deleted"}
       for table in ("analytics_reports", "ai_insights", "brand_positioning_analyses", "funnel_designs",
                     "competitive_gap_analyses", "performance_tracking_frameworks")},
}


@dataclass(frozen=True)
class Tie:
    """A foreign key of public.<table> that includes the table's tenant column."""
    table: str
    name: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    tenant: str
    on_delete: str  # pg_constraint.confdeltype: c cascade, n set null, a no action...
    set_null: tuple[str, ...]  # ON DELETE SET NULL (columns): the columns nulled; all of them where none is named

    @property
    def pointing(self) -> tuple[str, ...]:
        """The key's columns that name the parent (all but the tenant column)."""
        return tuple(c for c in self.columns if c != self.tenant)


def tenant_ties(db) -> list[Tie]:
    """Every foreign key of public, other than a tenant key itself, that includes its table's tenant column."""
    tenants = {r["table_name"]: r["attname"] for r in db.execute(TENANT_COLUMNS_QUERY).fetchall()}
    set_null = {r["conname"]: r["columns"] for r in db.execute(
        """
        select con.conname,
               array(select a.attname from unnest(coalesce(con.confdelsetcols, con.conkey)) as k (attnum)
                     join pg_attribute as a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns
        from pg_constraint as con
        where con.connamespace = 'public'::regnamespace and con.contype = 'f' and con.confdeltype = 'n'
        """).fetchall()}
    return [Tie(c["table_name"], c["name"], tuple(c["columns"]), c["ref_table"], tuple(c["ref_columns"]),
                tenants[c["table_name"]], c["on_delete"], tuple(set_null.get(c["name"], ())))
            for c in catalog.read(db.conn, "constraints", ["public"])
            if c["type"] == "f" and not is_tenant_key(c) and c["ref_schema"] == "public"
            and tenants.get(c["table_name"]) in c["columns"]]


# What the catalog says of a table does not change within the session: read it once per table.
_FACTS: dict[tuple, object] = {}


def _fact(db, key: tuple, query: str, params: tuple):
    if key not in _FACTS:
        _FACTS[key] = db.execute(query, params).fetchall()
    return _FACTS[key]


def columns_of(db, table: str, privilege: str | None = None) -> dict[str, str]:
    """Column -> type of the columns an insert may name (for `privilege`: that authenticated may write)."""
    rows = _fact(db, ("columns", table, privilege),
                 """
                 select a.attname, format_type(a.atttypid, null) as type
                 from pg_attribute as a
                 where a.attrelid = format('public.%%I', %s::text)::regclass and a.attnum > 0 and not a.attisdropped
                   and a.attgenerated = '' and a.attidentity <> 'a'
                   and (%s::text is null or has_column_privilege('authenticated', a.attrelid, a.attnum, %s::text))
                 """,
                 (table, privilege, privilege))
    return {r["attname"]: r["type"] for r in rows}


def nullable_columns(db, table: str) -> set[str]:
    rows = _fact(db, ("nullable", table),
                 "select a.attname from pg_attribute as a where a.attrelid = format('public.%%I', %s::text)::regclass "
                 "and a.attnum > 0 and not a.attisdropped and not a.attnotnull", (table,))
    return {r["attname"] for r in rows}


def primary_key(db, table: str) -> list[str]:
    rows = _fact(db, ("primary key", table),
                 """
                 select a.attname
                 from pg_index as i
                 join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
                 where i.indrelid = format('public.%%I', %s::text)::regclass and i.indisprimary
                 order by array_position(i.indkey::int2[], a.attnum)
                 """,
                 (table,))
    assert rows, f"{table} has no primary key"
    return [r["attname"] for r in rows]


@dataclass(frozen=True)
class Plan:
    """Which columns of B's row a case points at A's parent, and which it nulls.

    Other ties of the table that share those columns are kept out of the way, so that the refusal can
    only come from this tie: a column also named by a narrower tie keeps B's value (the narrower tie
    stays satisfied), and a wider tie is switched off by nulling one of its other columns (a foreign
    key with a null column is not checked). A tie whose every column is held by narrower ties moves
    nothing: those ties imply it, and each is tested on its own.
    """
    tie: Tie
    moved: tuple[str, ...]
    nulled: frozenset[str]
    tied: frozenset[str]  # the columns any tie of the table points with (deletes elsewhere may null them)

    @classmethod
    def of(cls, db, tie: Tie, ties: list[Tie]) -> Plan:
        others = [t for t in ties if t.table == tie.table and t != tie]
        narrower = {c for t in others if set(t.pointing) < set(tie.pointing) for c in t.pointing}
        moved = tuple(c for c in tie.pointing if c not in narrower)
        nullable = nullable_columns(db, tie.table)
        nulled = set()
        for other in others:
            if set(other.pointing) & set(moved) and not set(other.pointing) < set(tie.pointing):
                free = [c for c in other.pointing if c not in tie.pointing and c in nullable]
                assert free, f"{other.name} cannot be kept out of the way of {tie.name}"
                nulled.add(free[0])
        return cls(tie, moved, frozenset(nulled), frozenset(c for t in others for c in t.pointing))


class Case:
    """B's own row of the tie's table, under B's own parents, and A's parent to point it at."""

    def __init__(self, db, plan: Plan):
        tie = plan.tie
        self.db, self.tie, self.plan = db, tie, plan
        self.a, self.b = db.new_user(), db.new_user()
        self.theirs = db.make(tie.parent, self.a)
        self.mine = db.make(tie.table, self.b)
        assert self.mine[tie.tenant] == self.b, f"the {tie.table} factory must make a row owned by the given user"
        self.where = sql.SQL(" and ").join(
            sql.SQL("{} = {}").format(sql.Identifier(k), sql.Literal(self.mine[k])) for k in primary_key(db, tie.table))
        if any(self.mine[c] is None for c in tie.pointing):
            # the factory left this optional parent unset: hang the row under B's own parent first
            own = self.pointed_at(db.make(tie.parent, self.b), tie.pointing, nulled=())
            self.mine = db.execute(self.update(own) + sql.SQL(" returning *")).fetchone()

    def pointed_at(self, parent: dict, columns: tuple[str, ...] | None = None, nulled=None) -> dict:
        """B's row with `columns` (by default the plan's) taken from `parent`, and the plan's columns nulled."""
        row = dict(self.mine)
        for column, referenced in zip(self.tie.columns, self.tie.parent_columns):
            if column in (self.plan.moved if columns is None else columns):
                row[column] = parent[referenced]
        row.update(dict.fromkeys(self.plan.nulled if nulled is None else nulled))
        return row

    def update(self, row: dict) -> sql.Composed:
        """The update making B's row `row` where the two differ."""
        changed = [c for c in row if row[c] != self.mine[c]]
        return sql.SQL("update public.{} set {} where {}").format(
            sql.Identifier(self.tie.table),
            sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Literal(row[c])) for c in changed),
            self.where)

    def insert(self, row: dict, columns: dict[str, str]) -> tuple[sql.Composed, list]:
        """`row` inserted naming only `columns`; run it after `delete_mine()`."""
        row = {c: v for c, v in row.items() if c in columns}
        statement = sql.SQL("insert into public.{} ({}) values ({})").format(
            sql.Identifier(self.tie.table), sql.SQL(", ").join(map(sql.Identifier, row)),
            sql.SQL(", ").join(sql.Placeholder() * len(row)))
        return statement, [Jsonb(v) if columns[c] in ("json", "jsonb") and v is not None else v
                           for c, v in row.items()]

    def delete_mine(self) -> None:
        self.db.execute(sql.SQL("delete from public.{} where {}").format(sql.Identifier(self.tie.table), self.where))


def refused_by(tie: Tie, attempt) -> None:
    with pytest.raises(psycopg.errors.ForeignKeyViolation) as caught:
        attempt()
    assert caught.value.diag.constraint_name == tie.name, f"expected {tie.name} to refuse the row: {caught.value}"


def as_superuser(db, case: Case) -> None:
    case.delete_mine()
    refused_by(case.tie, lambda: db.execute(*case.insert(case.pointed_at(case.theirs), columns_of(db, case.tie.table))))


def as_service_role(db, case: Case) -> None:
    case.delete_mine()

    def attempt():
        with db.as_service_role() as cur:
            cur.execute(*case.insert(case.pointed_at(case.theirs), columns_of(db, case.tie.table)))
    refused_by(case.tie, attempt)


def user_insert(db, case: Case) -> None:
    insertable = columns_of(db, case.tie.table, "insert")
    case.delete_mine()

    def insert_as_b(row: dict) -> int:
        with db.as_user(case.b) as cur:
            return cur.execute(*case.insert(row, insertable)).rowcount
    refused_by(case.tie, lambda: insert_as_b(case.pointed_at(case.theirs)))
    own = {**case.mine, **dict.fromkeys(case.plan.nulled)}
    assert insert_as_b(own) == 1, "the same row under B's own parent must be accepted"


def user_update(db, case: Case) -> None:
    def move_as_b():
        with db.as_user(case.b) as cur:
            cur.execute(case.update(case.pointed_at(case.theirs)))
    refused_by(case.tie, move_as_b)


def parent_deleted(db, case: Case) -> None:
    """Deleting B's parent (through the API where B may delete it) cascades to B's row or unlinks it,
    keeping its owner, as the key's ON DELETE says."""
    tie = case.tie
    where = sql.SQL(" and ").join(sql.SQL("{} = {}").format(sql.Identifier(p), sql.Literal(case.mine[c]))
                                  for c, p in zip(tie.columns, tie.parent_columns))
    delete = sql.SQL("delete from public.{} where {}").format(sql.Identifier(tie.parent), where)
    if REGISTRY[tie.parent].delete_own:
        with db.as_user(case.b) as cur:
            assert cur.execute(delete).rowcount == 1, f"B cannot delete own {tie.parent} row"
    else:
        assert db.execute(delete).rowcount == 1
    after = db.execute(sql.SQL("select * from public.{} where {}").format(sql.Identifier(tie.table),
                                                                          case.where)).fetchone()
    if tie.on_delete == "c":
        assert after is None, f"{tie.name} cascades: B's row must go with its parent"
        return
    assert tie.on_delete == "n", f"{tie.name}: a tenant tie either cascades or sets its pointing columns null"
    assert tie.tenant not in tie.set_null, \
        f"{tie.name} must keep the owner: ON DELETE SET NULL ({', '.join(tie.pointing)})"
    assert after is not None, f"{tie.name} sets null: B's row must survive its parent"
    assert {c: after[c] for c in tie.set_null} == dict.fromkeys(tie.set_null)
    kept = [c for c in after if c not in tie.set_null and c not in case.plan.tied and c != "updated_at"]
    assert {c: after[c] for c in kept} == {c: case.mine[c] for c in kept}


def ways_in(db, plan: Plan):
    """(name, attempt) of every way a row of the tie's table is written under another tenant's parent."""
    access = REGISTRY[plan.tie.table]
    yield "superuser", as_superuser
    yield "service_role", as_service_role
    if access.insert_own:
        yield "user-insert", user_insert
    if access.update_own and set(plan.moved) | plan.nulled <= set(columns_of(db, plan.tie.table, "update")):
        yield "user-update", user_update
    yield "parent-deleted", parent_deleted


def matrix(db) -> list[tuple[Plan, str, object]]:
    """(plan, who, attempt) for every tenant tie of the catalog and every way a row is written under it."""
    ties = tenant_ties(db)
    plans = [Plan.of(db, tie, ties) for tie in ties]
    return [(plan, who, attempt) for plan in plans for who, attempt in ways_in(db, plan)
            if plan.moved or who == "parent-deleted"]


def test_the_matrix_covers_the_ties_once_tested_by_hand(db):
    found: dict[str, set[str]] = {}
    for plan, who, _ in matrix(db):
        found.setdefault(plan.tie.name, set()).add(who)
    missed = {name: sorted(ways - found.get(name, set())) for name, ways in TESTED_BY_HAND.items()
              if not ways <= found.get(name, set())}
    assert not missed, f"the catalog matrix misses cases the hand-written tests had: {missed}"


def test_a_row_cannot_hang_under_another_tenants_parent(db, subtests):
    cases = matrix(db)
    assert cases, "the catalog query found no tenant ties"
    for plan, who, attempt in cases:
        with subtests.test(msg=f"{plan.tie.table}.{plan.tie.name}:{who}"):
            with db.conn.transaction(force_rollback=True):
                attempt(db, Case(db, plan))
