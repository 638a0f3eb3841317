"""Status lifecycles, generated from the catalog.

A table's states are the values its status check constraint allows; its
lifecycle is the argument list of its tg_enforce_status_transition() trigger
('from>to' moves). A table with a status stamp trigger but no lifecycle
(campaign_tasks, leads: a free stage) takes every move. For every such table
and every ordered pair of its states, a row in the first state is moved to the
second: a listed move (or any move where no lifecycle is declared) is accepted
and stamps the row as STAMPS says; any other is refused with check_violation
naming the move, and leaves the row as it was. The move is made as the owner
through the API where the user may update the status (save the states
WORKER_ONLY names), otherwise as service_role (the worker; it is held to the
lifecycle too).

The lifecycle holds on insert too: a row a user creates starts in one of the
'>status' entries of the trigger's arguments (one subtest per table).

What the catalog cannot say is written here: the columns each state needs
besides the status (NEEDS, from the tables' other checks), what each stamp
trigger does (STAMPS), and the lifecycles as they were designed (DESIGNED,
PINNED), so that a changed trigger is noticed and not merely followed.
`test_every_stamp_trigger_is_described` fails when a table gains a stamp
trigger not described here. Each move is one subtest named
`<table>:<from>><to>`.
"""

from __future__ import annotations

import itertools
import re

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from schema_tool import catalog
from tests.factories import REGISTRY, load_all

load_all()

URL = "https://files.example.test/result"
# The columns a state needs besides the status, for its table's other checks.
NEEDS = {
    ("ai_video_jobs", "completed"): {"result_url": URL},
    ("ai_video_jobs", "failed"): {"error_message": "boom"},
    ("ai_video_projects", "failed"): {"error_message": "boom"},
    ("content_calendar", "scheduled"): {"scheduled_at": "2030-01-01T09:00:00Z"},
    ("content_calendar", "failed"): {"failure_reason": "token expired"},
    ("data_export_requests", "completed"): {"download_url": URL},
    ("data_export_requests", "failed"): {"error_message": "boom"},
    ("data_deletion_requests", "processing"): {"confirmed_at": "2026-01-01T00:00:00Z"},
    ("data_deletion_requests", "completed"): {"confirmed_at": "2026-01-01T00:00:00Z"},
    ("email_campaigns", "scheduled"): {"scheduled_at": "2030-01-01T09:00:00Z"},
    ("knowledge_documents", "failed"): {"error_message": "boom"},
    ("workflow_executions", "failed"): {"error_message": "boom"},
}

# The states only the worker (service_role) moves a row into, though the owner may move it otherwise:
# the failure reason is server-kept, and a user may only cancel an erasure request (its update policy).
WORKER_ONLY = {("content_calendar", "failed"), ("data_deletion_requests", "processing"),
               ("data_deletion_requests", "completed")}

# What each table's status stamp trigger does: column -> (states entering which set it,
# states entering which clear it); entering any other state leaves the column as it was.
STAMPS = {
    "ai_video_jobs": {"started_at": ({"processing"}, set()), "completed_at": ({"completed", "failed"}, set())},
    "ai_video_projects": {"completed_at": ({"completed"}, set())},
    "analytics_reports": {"generated_at": ({"completed"}, {"pending", "generating", "failed"})},
    "campaign_copilot_sessions": {"completed_at": ({"completed"}, set())},
    "campaign_tasks": {"completed_at": ({"completed"}, {"todo", "in_progress", "cancelled"})},
    "content_calendar": {"published_at": ({"published"}, set())},
    "data_deletion_requests": {"completed_at": ({"completed"}, {"pending", "processing", "cancelled"})},
    "data_export_requests": {"completed_at": ({"completed"}, {"pending", "processing", "failed"})},
    "email_campaigns": {"sending_started_at": ({"sending", "sent"}, set()), "sent_at": ({"sent"}, set())},
    "generated_content_pieces": {"published_at": ({"published"}, set())},
    "knowledge_documents": {"processed_at": ({"completed"}, set()),
                            "error_message": (set(), {"pending", "processing", "completed"})},
    "leads": {"converted_at": ({"converted"}, {"new", "contacted", "qualified", "proposal", "negotiation", "lost"})},
    "support_tickets": {"resolved_at": ({"resolved", "closed"}, {"open", "in_progress", "waiting_on_customer"})},
    "workflow_executions": {"started_at": ({"running"}, set()),
                            "completed_at": ({"completed", "failed", "cancelled"}, {"pending", "running"})},
}


_CHECKS: list = []


def _moves(text: str) -> set[tuple[str, str]]:
    return {tuple(move.split(">")) for move in text.split()}


# The lifecycles as designed, where the tests pinned them before the catalog drove them: every move
# of these tables' triggers must be one of these (and all of these must be there)...
DESIGNED = {
    "campaigns": _moves("draft>active active>paused paused>active active>completed paused>completed "
                        "draft>archived active>archived paused>archived completed>archived"),
    "generated_content_pieces": _moves("draft>approved draft>rejected approved>published approved>rejected "
                                       "approved>draft rejected>draft draft>archived approved>archived "
                                       "rejected>archived published>archived"),
    "workflow_executions": _moves("pending>running pending>cancelled running>completed running>failed running>cancelled"),
    "data_export_requests": _moves("pending>processing processing>completed processing>failed"),
    "data_deletion_requests": _moves("pending>processing processing>completed pending>cancelled"),
    "support_tickets": _moves("open>in_progress open>resolved open>closed in_progress>waiting_on_customer "
                              "waiting_on_customer>in_progress in_progress>resolved waiting_on_customer>resolved "
                              "resolved>in_progress resolved>closed"),
}
# ... and of these, the moves that must be allowed and those that must be refused.
PINNED = {
    "content_calendar": (_moves("draft>scheduled scheduled>published scheduled>failed failed>scheduled "
                                "draft>published draft>cancelled"),
                         _moves("published>draft cancelled>scheduled draft>failed cancelled>draft")),
    "email_campaigns": (_moves("draft>scheduled scheduled>sending sending>sent draft>cancelled draft>sending"),
                        _moves("draft>sent sending>draft sent>draft cancelled>draft sending>cancelled")),
    "knowledge_documents": (_moves("pending>processing processing>completed processing>failed failed>pending"),
                            _moves("pending>completed pending>failed processing>pending completed>pending "
                                   "completed>failed failed>completed")),
    "ai_video_projects": (_moves("draft>planning planning>generating_images generating_images>generating_video "
                                 "generating_video>completed draft>failed planning>failed generating_images>failed "
                                 "generating_video>failed"),
                          _moves("draft>completed draft>generating_video planning>draft "
                                 "generating_video>generating_images completed>failed completed>draft failed>planning")),
    "ai_video_jobs": (_moves("pending>processing processing>completed processing>failed"),
                      _moves("processing>pending failed>completed pending>completed")),
    "campaign_copilot_sessions": (_moves("active>completed active>abandoned abandoned>active"),
                                  _moves("completed>active")),
    "analytics_reports": (_moves("pending>generating generating>completed completed>pending generating>failed"),
                          _moves("pending>completed generating>pending failed>completed")),
    "ai_insights": (_moves("new>viewed viewed>acted_on"), _moves("acted_on>new")),
}


def test_the_lifecycles_are_the_designed_ones(db):
    found = lifecycles(db)
    for table, moves in DESIGNED.items():
        assert found[table][1] == moves, f"{table}: the lifecycle changed: {sorted(found[table][1] ^ moves)}"
    for table, (allowed, refused) in PINNED.items():
        moves = found[table][1]
        assert allowed <= moves, f"{table}: moves no longer allowed: {sorted(allowed - moves)}"
        assert not refused & moves, f"{table}: moves now allowed: {sorted(refused & moves)}"


def states(db, table: str) -> list[str]:
    """The values the table's status check (status = any (array[...])) allows, in the order it lists them."""
    if not _CHECKS:  # the schema does not change within the session: read its checks once
        _CHECKS.extend(c for c in catalog.read(db.conn, "constraints", ["public"]) if c["type"] == "c")
    checks = [c for c in _CHECKS
              if c["table_name"] == table and c["type"] == "c" and list(c["columns"]) == ["status"]
              and "status = ANY (ARRAY[" in c["definition"]]
    assert len(checks) == 1, f"{table}: expected one check listing the states, found {len(checks)}"
    return re.findall(r"'([^']+)'", checks[0]["definition"])


def lifecycle_triggers(db) -> dict[str, list[str]]:
    """table -> the arguments of its tg_enforce_status_transition() trigger, which fires on insert too."""
    rows = db.execute(
        """
        select c.relname, t.tgname, t.tgtype, encode(t.tgargs, 'escape') as args
        from pg_trigger as t
        join pg_class as c on c.oid = t.tgrelid
        where c.relnamespace = 'public'::regnamespace
          and t.tgfoid = 'public.tg_enforce_status_transition()'::regprocedure
        """).fetchall()
    for row in rows:
        assert row["tgtype"] & 4, f"{row['tgname']} does not fire on INSERT"
    return {r["relname"]: [a for a in r["args"].split("\\000") if a] for r in rows}


def stamp_triggers(db) -> set[str]:
    """The tables of public with a trigger whose function stamps (updated_at aside)."""
    rows = db.execute(
        """
        select distinct c.relname
        from pg_trigger as t
        join pg_class as c on c.oid = t.tgrelid
        join pg_proc as p on p.oid = t.tgfoid
        where c.relnamespace = 'public'::regnamespace and not t.tgisinternal
          and p.proname like '%stamp%' and p.proname <> 'tg_stamp_updated_at'
        """).fetchall()
    return {r["relname"] for r in rows}


def lifecycles(db) -> dict[str, tuple[list[str], set[tuple[str, str]] | None]]:
    """table -> (its states, its legal moves; None where every move is legal)."""
    found = {}
    for table, args in lifecycle_triggers(db).items():
        found[table] = (states(db, table), {tuple(a.split(">")) for a in args if not a.startswith(">")})
    for table in stamp_triggers(db) - set(found):
        found[table] = (states(db, table), None)
    return found


# The tables with a lifecycle: the list is here so that a new one is noticed (and gets its NEEDS).
LIFECYCLE_TABLES = {
    "ai_insights", "ai_video_jobs", "ai_video_projects", "analytics_reports", "campaign_copilot_sessions",
    "campaigns", "content_calendar", "data_deletion_requests", "data_export_requests", "email_campaigns",
    "generated_content_pieces", "knowledge_documents", "support_tickets", "workflow_executions",
}


def test_every_lifecycle_is_known_and_declares_where_a_row_starts(db):
    found = lifecycle_triggers(db)
    assert set(found) == LIFECYCLE_TABLES
    for table, args in found.items():
        entries = {a[1:] for a in args if a.startswith(">")}
        assert entries, f"{table}: its lifecycle declares no status a new row may start in"


def test_every_stamp_trigger_is_described(db):
    assert stamp_triggers(db) == set(STAMPS)


def test_a_lifecycle_names_only_states_of_the_check_and_reaches_them_all(db):
    for table, args in lifecycle_triggers(db).items():
        allowed = set(states(db, table))
        named = {s for a in args for s in a.split(">") if s}
        assert named <= allowed, f"{table}: its lifecycle names states its check refuses: {sorted(named - allowed)}"
        entries = {a[1:] for a in args if a.startswith(">")}
        reached = entries | {a.split(">")[1] for a in args if not a.startswith(">")}
        assert reached == allowed, f"{table}: no row ever reaches {sorted(allowed - reached)}"


def row_in(db, table: str, made: dict, state: str) -> dict:
    """`made` (a factory's row) inserted again in `state` by the superuser, whom the lifecycle lets
    create a row in any state; the stamp triggers run."""
    data = db.execute(sql.SQL("select to_jsonb(t) as j from public.{} as t where id = %s").format(sql.Identifier(table)),
                      (made["id"],)).fetchone()["j"]
    data.update(status=state, **NEEDS.get((table, state), {}))
    for column, (_, cleared) in STAMPS.get(table, {}).items():
        if state in cleared:
            data[column] = None
    db.execute(sql.SQL("delete from public.{} where id = %s").format(sql.Identifier(table)), (made["id"],))
    return db.execute(sql.SQL("insert into public.{t} select * from jsonb_populate_record(null::public.{t}, %s) "
                              "returning *").format(t=sql.Identifier(table)), (Jsonb(data),)).fetchone()


def moved_by_owner(db, table: str) -> bool:
    return REGISTRY[table].update_own and db.execute(
        "select has_column_privilege('authenticated', format('public.%%I', %s::text), 'status', 'UPDATE') as ok",
        (table,)).fetchone()["ok"]


def move(db, table: str, row: dict, state: str, by_owner: bool) -> None:
    changes = {"status": state, **NEEDS.get((table, state), {})}
    statement = sql.SQL("update public.{} set {} where id = %s").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(c)) for c in changes))
    tenant = next((row[c] for c in ("user_id", "created_by") if c in row), None)
    acting = db.as_user(tenant) if by_owner else db.as_service_role()
    with acting as cur:
        assert cur.execute(statement, [*changes.values(), row["id"]]).rowcount == 1


def check_move(db, table: str, made: dict, old: str, new: str, legal: bool, by_owner: bool) -> None:
    before = row_in(db, table, made, old)
    select = sql.SQL("select * from public.{} where id = %s").format(sql.Identifier(table))
    if not legal:
        with pytest.raises(psycopg.errors.CheckViolation, match=f"illegal status transition on {table}: {old} -> {new}"):
            move(db, table, before, new, by_owner)
        assert db.execute(select, (before["id"],)).fetchone() == before
        return
    move(db, table, before, new, by_owner)
    after = db.execute(select, (before["id"],)).fetchone()
    assert after["status"] == new
    for column, (stamped, cleared) in STAMPS.get(table, {}).items():
        if new in stamped:
            assert after[column] is not None, f"{table}: moving to {new} stamps {column}"
            if before[column] is not None:
                assert after[column] == before[column], f"{table}: {column} keeps its first stamp"
        elif new in cleared:
            assert after[column] is None, f"{table}: moving to {new} clears {column}"
        elif column not in NEEDS.get((table, new), {}):
            assert after[column] == before[column], f"{table}: moving to {new} leaves {column} alone"


def test_status_moves_follow_the_lifecycle(db, subtests):
    found = lifecycles(db)
    assert {"campaigns", "support_tickets", "knowledge_documents", "ai_video_projects"} <= set(found)
    for table, (allowed, moves) in sorted(found.items()):
        owner_moves = moved_by_owner(db, table)
        with db.conn.transaction(force_rollback=True):
            made = REGISTRY[table].make(db, db.new_user())
            for old, new in itertools.permutations(allowed, 2):
                legal = moves is None or (old, new) in moves
                by_owner = owner_moves and (table, new) not in WORKER_ONLY
                with subtests.test(msg=f"{table}:{old}>{new}"):
                    with db.conn.transaction(force_rollback=True):
                        check_move(db, table, made, old, new, legal, by_owner)


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


def user_inserts_status(db, table: str) -> bool:
    return db.execute("select has_column_privilege('authenticated', format('public.%%I', %s::text), 'status', 'INSERT') "
                      "as ok", (table,)).fetchone()["ok"]


def test_a_user_cannot_create_a_row_past_its_first_status(db, subtests):
    """A lifecycle also holds on INSERT: where a signed-in user may insert the status, a row made in any
    status but the entry ones (a final one: completed, archived, published...) is refused with
    check_violation, and a row in an entry status is accepted."""
    tables = [t for t in sorted(lifecycle_triggers(db)) if user_inserts_status(db, t)]
    assert len(tables) >= 5, f"only {tables} let a user insert the status"
    for table in tables:
        args = lifecycle_triggers(db)[table]
        entries = [a[1:] for a in args if a.startswith(">")]
        with subtests.test(msg=table), db.conn.transaction(force_rollback=True):
            owner = db.new_user()
            row = REGISTRY[table].make(db, owner)
            refused = [s for s in states(db, table) if s not in entries]
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
