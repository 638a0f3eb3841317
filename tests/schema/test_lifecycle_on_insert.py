"""A lifecycle also holds on INSERT, generated from the catalog.

Every trigger running tg_enforce_status_transition() declares the statuses a
new row may start in ('>status') and the moves ('from>to'). For every such
table whose status a signed-in user may insert, a user's row made in any
other status (a final one: completed, archived, published...) is refused
with check_violation, and a row in an entry status is accepted.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from tests.factories import REGISTRY, load_all

load_all()

# status values per table come from the trigger arguments; the tables are fixed here so the
# cases have readable ids, and the first test checks this list against the catalog
LIFECYCLE_TABLES = sorted([
    "ai_insights", "ai_video_jobs", "ai_video_projects", "analytics_reports", "campaign_copilot_sessions",
    "campaigns", "content_calendar", "data_deletion_requests", "data_export_requests", "email_campaigns",
    "generated_content_pieces", "knowledge_documents", "support_tickets", "workflow_executions",
])


def lifecycle(db, table: str) -> tuple[list[str], list[str]]:
    """(entry statuses, every status named) of the table's lifecycle trigger."""
    row = db.execute(
        """
        select t.tgname, encode(t.tgargs, 'escape') as args, t.tgtype
        from pg_trigger as t
        where t.tgrelid = format('public.%%I', %s::text)::regclass
          and t.tgfoid = 'public.tg_enforce_status_transition()'::regprocedure
        """,
        (table,),
    ).fetchone()
    args = [a for a in row["args"].split("\\000") if a]
    entries = [a[1:] for a in args if a.startswith(">")]
    statuses = sorted({s for a in args for s in a.split(">") if s})
    assert row["tgtype"] & 4, f"{row['tgname']} does not fire on INSERT"
    return entries, statuses


def test_every_lifecycle_trigger_is_covered(db):
    tables = sorted(r["relname"] for r in db.execute(
        "select c.relname from pg_trigger as t join pg_class as c on c.oid = t.tgrelid "
        "where t.tgfoid = 'public.tg_enforce_status_transition()'::regprocedure").fetchall())
    assert tables == LIFECYCLE_TABLES
    for table in tables:
        entries, statuses = lifecycle(db, table)
        assert entries, f"{table}: its lifecycle declares no status a new row may start in"
        assert set(entries) <= set(statuses)


def user_insert(db, table: str, row: dict, status: str) -> tuple[sql.Composable, list]:
    """An INSERT of a copy of `row` in `status`, naming only the columns a user may insert."""
    columns = [r["attname"] for r in db.execute(
        "select attname from pg_attribute where attrelid = format('public.%%I', %s::text)::regclass "
        "and attnum > 0 and not attisdropped and attgenerated = '' "
        "and has_column_privilege('authenticated', attrelid, attnum, 'INSERT') and attname <> 'id' order by attnum",
        (table,)).fetchall()]
    data = db.execute(sql.SQL("select to_jsonb(t) as j from public.{} as t where id = %s").format(sql.Identifier(table)),
                      (row["id"],)).fetchone()["j"]
    data["status"] = status
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    query = sql.SQL("insert into public.{t} ({c}) select {c} from jsonb_populate_record(null::public.{t}, %s)").format(
        t=sql.Identifier(table), c=cols)
    return query, [Jsonb(data)]


def user_inserts_status(db, table):
    return db.execute("select has_column_privilege('authenticated', format('public.%%I', %s::text), 'status', 'INSERT') "
                      "as ok", (table,)).fetchone()["ok"]


CASES = [pytest.param(t, id=t) for t in LIFECYCLE_TABLES]


@pytest.mark.parametrize("table", CASES)
def test_a_user_cannot_create_a_row_past_its_first_status(db, table):
    if not user_inserts_status(db, table):
        pytest.skip(f"{table}.status is not the user's to insert (server-kept or no insert grant)")
    entries, statuses = lifecycle(db, table)
    owner = db.new_user()
    row = REGISTRY[table].make(db, owner)
    refused = [s for s in statuses if s not in entries]
    assert refused, f"{table}: every status is an entry status"
    statements = {s: user_insert(db, table, row, s) for s in refused + entries[:1]}
    # only the copy's status can refuse it now, not a unique key it shares with the original
    db.execute(sql.SQL("delete from public.{} where id = %s").format(sql.Identifier(table)), (row["id"],))
    for status in refused:
        with pytest.raises(psycopg.errors.CheckViolation, match=f"cannot start in status {status}"):
            with db.as_user(owner) as cur:
                cur.execute(*statements[status])
    with db.as_user(owner) as cur:
        cur.execute(*statements[entries[0]])
