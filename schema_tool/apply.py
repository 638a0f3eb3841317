"""The apply engine behind `schema_tool up`, `baseline` and `repair`.

Order: bootstrap -> pending migrations -> functions -> views -> triggers ->
policies -> cron. Each file runs in its own transaction together with its
history row, under a session-level advisory lock, so concurrent runs apply
every file exactly once and a killed run leaves nothing half-applied.

A repeatable file runs when its text changed or when the objects it defines
are no longer what it produced (their fingerprint, kept in the history,
differs), never merely because a migration ran. A migration's transaction
also re-creates the repeatable objects it dropped or changed, and the last
pending migration's transaction applies every changed repeatable file, so no
committed state has a missing view or a function older than its table. Every
lock wait is bounded (schema_tool.locks); a file that cannot get its locks
rolls back and is retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg

from schema_tool import extensions, history, locks, migrations_sum
from schema_tool.errors import ConnectionLost, ExtensionBlocked, Refusal
from schema_tool.plan import ApplyOptions, Event, Listener, Skipped, Step, make_plan, target_version
from schema_tool.project import Project, SqlFile
from schema_tool.runner import Runner

__all__ = ["ApplyOptions", "ApplyReport", "Event", "Recorded", "Skipped", "Step", "baseline", "make_plan",
           "repair", "repair_plan", "up"]

LOCK_KEY = "select hashtextextended('schema_tool.history', 0)"
# A killed client must not keep the lock for the length of its query: the
# server checks the socket this often and aborts the orphaned transaction.
DEAD_CLIENT_CHECK = "set client_connection_check_interval = '1s'"


@dataclass
class ApplyReport:
    steps: list[Step] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    dry_run: bool = False
    bootstrap_checked: int = 0
    fingerprints_adopted: int = 0
    duration_ms: int = 0
    exit_code: int = 0

    @property
    def applied(self) -> list[Step]:
        return [s for s in self.steps if s.state == "applied"]


def up(conn: psycopg.Connection, project: Project, options: ApplyOptions,
       listener: Listener | None = None) -> ApplyReport:
    """Apply what is pending. Raises Refusal before anything runs, ApplyFailed when a file fails."""
    started = time.monotonic()
    migrations_sum.refuse_unlisted(project)
    conn.execute(DEAD_CLIENT_CHECK)
    locks.apply_settings(conn, options.locks)
    blocked = extensions.blocked(conn, project)
    if blocked:
        raise ExtensionBlocked(blocked[0])
    notify = listener or (lambda event: None)
    if options.dry_run:
        plan = make_plan(conn, project, options)
    else:
        with advisory_lock(conn, options.locks.wait_ms, notify):
            _before_anything(conn, history.ensure, "create the history table schema_tool.history")
            plan = make_plan(conn, project, options)
            if plan.adopt:
                history.adopt_fingerprints(conn, plan.adopt)
            with Runner(conn, project, plan, options, notify) as runner, _flushed_once(conn, bool(plan.steps)):
                runner.run()
    report = ApplyReport(steps=[s for _, s in plan.steps], skipped=plan.skipped, dry_run=options.dry_run,
                         bootstrap_checked=plan.bootstrap_checked, fingerprints_adopted=len(plan.adopt))
    report.duration_ms = _ms_since(started)
    return report


def _before_anything(conn: psycopg.Connection, action: Callable, what: str):
    """Run a preparatory step; a refusal by the database becomes one line naming what was tried."""
    try:
        return action(conn)
    except psycopg.OperationalError as error:
        if conn.broken:
            raise ConnectionLost(f"lost the database connection while trying to {what}: "
                                 f"{' '.join(str(error).split())}") from None
        raise _refused(error, what) from None
    except psycopg.Error as error:
        raise _refused(error, what) from None


def _refused(error: psycopg.Error, what: str) -> Refusal:
    state = error.diag.sqlstate or ""
    why = {"25006": " (the server or this session is read-only: connect to the primary)",
           "42501": " (the role lacks the privilege: run as the database owner)"}.get(state, "")
    return Refusal(f"cannot {what}: ERROR {state}: {error.diag.message_primary or error}{why}; nothing was applied")


class advisory_lock:
    """Session-level advisory lock: one apply at a time per database. Waiting for another run is said
    once and bounded by `wait_ms`."""

    def __init__(self, conn: psycopg.Connection, wait_ms: int = 60000, notify: Listener | None = None):
        self.conn = conn
        self.wait_ms = wait_ms
        self.notify = notify or (lambda event: None)

    def __enter__(self):
        key = self.conn.execute(LOCK_KEY).fetchone()[0]
        deadline = time.monotonic() + self.wait_ms / 1000
        said = False
        while not self.conn.execute("select pg_try_advisory_lock(%s)", (key,)).fetchone()[0]:
            holder = locks.advisory_holder(self.conn, key)
            if time.monotonic() >= deadline:
                raise Refusal(f"another schema_tool run holds this database's apply lock"
                              f"{f' ({holder})' if holder else ''}; gave up after waiting "
                              f"{self.wait_ms / 1000:g} s (--wait); nothing was applied")
            if not said:
                self.notify(Event("wait", None, message="waiting for another schema_tool run to finish"
                                  f"{f': {holder}' if holder else ''} (up to {self.wait_ms / 1000:g} s, --wait)"))
                said = True
            time.sleep(0.1)
        self.key = key
        return self

    def __exit__(self, *exc):
        if not self.conn.closed and not self.conn.broken:
            self.conn.execute("select pg_advisory_unlock(%s)", (self.key,))


@contextmanager
def _flushed_once(conn: psycopg.Connection, writes: bool):
    """Each file's transaction commits without waiting for the disk; one commit at the end, after
    success or failure, waits as the session's setting says. WAL reaches the disk in order, so that
    last flush makes every file `up` reports as applied durable, and saves one flush per file."""
    if not writes:
        yield
        return
    setting = conn.execute("select pg_catalog.current_setting('synchronous_commit')").fetchone()[0]
    conn.execute("set synchronous_commit = off")
    try:
        yield
    finally:
        if not conn.broken and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            conn.execute("select pg_catalog.set_config('synchronous_commit', %s, false)", (setting,))
            conn.execute("select pg_catalog.pg_current_xact_id()")  # a commit record to flush


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


@dataclass
class Recorded:
    path: str
    version: str | None
    action: str  # baselined, checksum re-recorded, forgotten


@contextmanager
def _bookkeeping(conn: psycopg.Connection, *, create: bool = True):
    """History rows written without running any file: under the apply lock, in one transaction (a
    refusal raised inside writes nothing). Yields the applied migrations by version."""
    with advisory_lock(conn):
        if create:
            history.ensure(conn)
        with conn.transaction():
            yield history.applied_migrations(history.latest(conn))


def _record_as_applied(conn: psycopg.Connection, files: list[SqlFile],
                       fingerprints: dict[str, str] | None = None) -> None:
    """Rows saying the files are applied, though nothing ran: the database already holds them."""
    for f in files:
        history.record(conn, f, operation="baseline", fingerprint=(fingerprints or {}).get(f.rel))


def baseline(conn: psycopg.Connection, project: Project, version: str) -> list[Recorded]:
    """Adopt an existing database: record migrations up to `version` as applied, without running them."""
    target = target_version(project, version)
    chosen = [f for f in project.migrations if f.version_number <= target]
    with _bookkeeping(conn) as applied:
        if applied:
            raise Refusal("refusing to baseline: this database already has applied migrations "
                          "(baseline adopts a database that has none)")
        _record_as_applied(conn, chosen)
    return [Recorded(f.rel, f.version, "baselined") for f in chosen]


def record_captured(conn: psycopg.Connection, project: Project, paths: list[str]) -> list[Recorded]:
    """After `diff --write` captured this database's changes into files: record those files as applied
    here (nothing runs), with the fingerprint of the live objects, so that `up` has nothing to do."""
    from schema_tool import fingerprint

    files = [f for f in project.files if f.rel in set(paths)]
    with _bookkeeping(conn):
        _record_as_applied(conn, files, fingerprint.fingerprints(conn, [f for f in files if f.layer != "migrations"]))
    return [Recorded(f.rel, f.version, "recorded as applied (captured from this database)") for f in files]


def mark(conn: psycopg.Connection, project: Project, versions: list[str], status: str, *,
         dry_run: bool) -> list[Recorded]:
    """Mark migrations applied (recorded without running, as baseline does) or pending (forgotten, so
    that the next `up` runs them)."""
    files = {f.version_number: f for f in project.migrations}
    for version in versions:
        target_version(project, version)
    chosen = [files[int(v)] for v in versions]
    with _bookkeeping(conn) as applied:
        changing = [f for f in chosen if (f.version_number in applied) != (status == "applied")]
        if not dry_run and status == "applied":
            _record_as_applied(conn, changing)
        elif not dry_run:
            for f in changing:
                history.record_forget(conn, applied[f.version_number])
    return [Recorded(f.rel, f.version, f"marked {status}") for f in changing]


REMOVED = "forgotten (file removed, its objects stay)"


def repair_plan(conn: psycopg.Connection, project: Project) -> list[Recorded]:
    """What repair would record: new checksums of edited migrations, and deleted ones forgotten."""
    rows = history.latest(conn)
    states = history.migration_states(project.migrations, history.applied_migrations(rows))
    actions = {"missing": "forgotten (file deleted)", "changed": "checksum re-recorded"}
    return [Recorded(m.path, m.version, actions[m.state]) for m in states if m.state in actions] + [
        Recorded(r.path, None, REMOVED) for r in history.removed_repeatables(rows, list(project.files))]


def repair(conn: psycopg.Connection, project: Project) -> list[Recorded]:
    files = {f.version: f for f in project.migrations}
    with _bookkeeping(conn, create=False) as applied:
        plan = repair_plan(conn, project)
        removed = {r.path: r for r in history.removed_repeatables(history.latest(conn), list(project.files))}
        for item in plan:
            if item.version is None:
                history.record_forget(conn, removed[item.path])
            elif item.version in files:
                history.record(conn, files[item.version], operation="repair")
            else:
                history.record_forget(conn, applied[int(item.version)])
    return plan
