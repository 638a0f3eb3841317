"""The apply engine behind `schema_tool up`, `baseline` and `repair`.

Order: bootstrap -> pending migrations -> functions -> views -> triggers ->
policies -> cron. Each file runs in its own transaction together with its
history row, under a session-level advisory lock, so concurrent runs apply
every file exactly once and a killed run leaves nothing half-applied.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
import psycopg.sql

from schema_tool import history
from schema_tool.errors import ApplyFailed, FailedStatement, Refusal, UsageError
from schema_tool.project import REPEATABLE_LAYERS, Project, SqlFile
from schema_tool.sqlsplit import Statement, line_and_column, split

CRON_ABSENT = "pg_cron not installed"
LOCK_KEY = "select hashtextextended('schema_tool.history', 0)"
# A killed client must not keep the lock for the length of its query: the
# server checks the socket this often and aborts the orphaned transaction.
DEAD_CLIENT_CHECK = "set client_connection_check_interval = '1s'"


@dataclass
class Step:
    path: str
    kind: str
    reason: str
    version: str | None = None
    record: bool = True
    state: str = "planned"  # planned -> applied
    duration_ms: int = 0


@dataclass
class Skipped:
    layer: str
    reason: str


@dataclass
class ApplyOptions:
    dry_run: bool = False
    single_transaction: bool = False
    target: str | None = None
    allow_out_of_order: bool = False


@dataclass
class ApplyReport:
    steps: list[Step] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    dry_run: bool = False
    bootstrap_checked: int = 0
    duration_ms: int = 0
    exit_code: int = 0

    @property
    def applied(self) -> list[Step]:
        return [s for s in self.steps if s.state == "applied"]


@dataclass
class _Plan:
    steps: list[tuple[SqlFile, Step]]
    skipped: list[Skipped]
    unchanged_bootstrap: list[SqlFile]
    # Cron steps held back because pg_cron is absent now; the bootstrap may
    # create it, so they are reconsidered once the bootstrap has run.
    held_cron: list[tuple[SqlFile, Step]] = field(default_factory=list)

    @property
    def bootstrap_checked(self) -> int:
        return len(self.unchanged_bootstrap) + sum(f.layer == "bootstrap" for f, _ in self.steps)


Listener = Callable[[str, Step, int, int], None]  # (phase, step, index, total)


def up(conn: psycopg.Connection, project: Project, options: ApplyOptions,
       listener: Listener | None = None) -> ApplyReport:
    """Apply what is pending. Raises Refusal before anything runs, ApplyFailed when a file fails."""
    started = time.monotonic()
    conn.execute(DEAD_CLIENT_CHECK)
    if options.dry_run:
        plan = make_plan(conn, project, options)
    else:
        with advisory_lock(conn):
            history.ensure(conn)
            plan = make_plan(conn, project, options)
            _run(conn, plan, options, listener)
    report = ApplyReport(steps=[s for _, s in plan.steps], skipped=plan.skipped, dry_run=options.dry_run,
                         bootstrap_checked=plan.bootstrap_checked)
    report.duration_ms = _ms_since(started)
    return report


class advisory_lock:
    """Session-level advisory lock: one apply at a time per database."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute(f"select pg_advisory_lock(({LOCK_KEY}))")
        return self

    def __exit__(self, *exc):
        if not self.conn.closed and not self.conn.broken:
            self.conn.execute(f"select pg_advisory_unlock(({LOCK_KEY}))")


def make_plan(conn: psycopg.Connection, project: Project, options: ApplyOptions) -> _Plan:
    rows = history.latest(conn)
    applied = history.applied_migrations(rows)
    checksums = history.repeatable_checksums(rows)
    _refuse_tampering(project, applied)
    target = _target_version(project, options.target)

    steps: list[tuple[SqlFile, Step]] = []
    bootstrap = project.layer("bootstrap")
    for f in bootstrap:
        # Bootstrap runs on every up; its statements create only what is
        # absent. It is listed (and recorded) only when its file changed.
        if checksums.get(f.rel) != f.checksum:
            steps.append((f, Step(f.rel, f.kind, "new" if f.rel not in checksums else "changed")))
    pending = _pending_migrations(project, applied, target, options.allow_out_of_order)
    steps.extend((f, Step(f.rel, f.kind, "pending", version=f.version)) for f in pending)

    skipped: list[Skipped] = []
    repeatables_blocked = target is not None and target < (project.latest_version or 0)
    cron_installed = _has_extension(conn, "pg_cron")
    held_cron: list[tuple[SqlFile, Step]] = []
    for layer in REPEATABLE_LAYERS:
        files = project.layer(layer)
        if not files:
            continue
        if repeatables_blocked:
            skipped.append(Skipped(layer, f"--target {options.target} stops before the latest migration"))
            continue
        layer_steps = [(f, Step(f.rel, f.kind, reason)) for f in files
                       if (reason := _repeatable_reason(f, checksums, migrations_run=bool(pending)))]
        if layer == "cron" and not cron_installed:
            skipped.append(Skipped(layer, CRON_ABSENT))
            held_cron = layer_steps
            continue
        steps.extend(layer_steps)
    if options.single_transaction:
        for f, _ in steps:
            if f.no_transaction:
                raise Refusal(f"{f.rel} is a no-transaction file and cannot run under --single-transaction")
    unchanged = [f for f in bootstrap if checksums.get(f.rel) == f.checksum]
    return _Plan(steps, skipped, unchanged, held_cron)


def _repeatable_reason(f: SqlFile, checksums: dict[str, str], *, migrations_run: bool) -> str | None:
    if f.rel not in checksums:
        return "new"
    if checksums[f.rel] != f.checksum:
        return "changed"
    if migrations_run:
        return "a migration ran"
    return None


def _refuse_tampering(project: Project, applied: dict[int, history.Applied]) -> None:
    files = {f.version_number: f for f in project.migrations}
    problems = []
    for version, row in sorted(applied.items()):
        f = files.get(version)
        if f is None:
            problems.append(f"migration {row.version} ({row.path}) was applied on "
                            f"{row.applied_at:%Y-%m-%d %H:%M} but its file is gone")
        elif f.checksum != row.checksum:
            problems.append(f"migration {f.version} ({f.rel}) changed after it was applied "
                            f"(checksum {row.checksum[:12]} applied, {f.checksum[:12]} now)")
    if problems:
        raise Refusal("refusing to apply anything:\n  " + "\n  ".join(problems) +
                      "\nA released migration never changes: restore the file and put the change in a new "
                      "migration, or, if the edit was intended, record it with `schema_tool repair --yes`.")


def _target_version(project: Project, target: str | None) -> int | None:
    if target is None:
        return None
    if not target.isdigit():
        raise UsageError(f"--target takes a migration version such as 0003, not {target!r}")
    if int(target) not in {f.version_number for f in project.migrations}:
        raise UsageError(f"--target {target}: no migration has that version")
    return int(target)


def _pending_migrations(project: Project, applied: dict[int, history.Applied], target: int | None,
                        allow_out_of_order: bool) -> list[SqlFile]:
    pending = [f for f in project.migrations
               if f.version_number not in applied and (target is None or f.version_number <= target)]
    highest = max(applied, default=None)
    late = [f for f in pending if highest is not None and f.version_number < highest]
    if late and not allow_out_of_order:
        names = ", ".join(f.rel for f in late)
        raise Refusal(f"refusing to apply anything: {names} would run out of order "
                      f"(migration {applied[highest].version} is already applied). "
                      "Renumber the file after the latest version, or pass --allow-out-of-order.")
    return pending


def _has_extension(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("select exists (select from pg_extension where extname = %s)", (name,)).fetchone()[0]


def _run(conn: psycopg.Connection, plan: _Plan, options: ApplyOptions, listener: Listener | None) -> None:
    done: list[str] = []

    def run_steps(steps: list[tuple[SqlFile, Step]], first: int, total: int) -> None:
        for index, (f, step) in enumerate(steps, start=first):
            if listener:
                listener("start", step, index, total)
            step.duration_ms = _apply_file(conn, f, step, done)
            step.state = "applied"
            done.append(f.rel)
            if listener:
                listener("done", step, index, total)

    def run_all() -> None:
        # Unchanged bootstrap files still run: their guarded statements
        # recreate whatever went missing and otherwise change nothing.
        for f in plan.unchanged_bootstrap:
            _execute_file(conn, f, done)
        bootstrap = [(f, s) for f, s in plan.steps if f.layer == "bootstrap"]
        run_steps(bootstrap, 1, len(plan.steps))
        if plan.held_cron and _has_extension(conn, "pg_cron"):
            plan.steps.extend(plan.held_cron)
            plan.skipped[:] = [s for s in plan.skipped if not (s.layer == "cron" and s.reason == CRON_ABSENT)]
        rest = [(f, s) for f, s in plan.steps if f.layer != "bootstrap"]
        run_steps(rest, len(bootstrap) + 1, len(plan.steps))

    if options.single_transaction:
        try:
            with conn.transaction():
                run_all()
        except ApplyFailed as failure:
            failure.applied = []  # the whole run rolled back
            for _, step in plan.steps:
                step.state = "planned"
            raise
    else:
        run_all()


def _apply_file(conn: psycopg.Connection, f: SqlFile, step: Step, done: list[str]) -> int:
    started = time.monotonic()
    if f.no_transaction:
        _execute_statements(conn, f, split(f.text), done)
        with conn.transaction():
            history.record(conn, f, duration_ms=_ms_since(started))
        return _ms_since(started)
    with conn.transaction():
        if f.layer == "policies":
            _drop_policies(conn, f)
        _execute_statements(conn, f, split(f.text), done)
        duration = _ms_since(started)
        if step.record:
            history.record(conn, f, duration_ms=duration)
    return duration


def _execute_file(conn: psycopg.Connection, f: SqlFile, done: list[str]) -> None:
    with conn.transaction():
        _execute_statements(conn, f, split(f.text), done)


def _execute_statements(conn: psycopg.Connection, f: SqlFile, statements: list[Statement],
                        done: list[str]) -> None:
    for statement in statements:
        try:
            conn.execute(statement.text)
        except psycopg.Error as error:
            raise ApplyFailed(_failure(f, statement, error), list(done)) from None


def _failure(f: SqlFile, statement: Statement, error: psycopg.Error) -> FailedStatement:
    diag = error.diag
    offset = statement.offset
    if diag.statement_position:
        offset += int(diag.statement_position) - 1
    line, column = line_and_column(f.text, offset)
    return FailedStatement(
        path=f.rel, line=line, column=column, sqlstate=diag.sqlstate,
        message=diag.message_primary or str(error).strip(), detail=diag.message_detail,
        hint=diag.message_hint, context=diag.context.strip() if diag.context else None,
    )


def table_of_policies_file(f: SqlFile) -> tuple[str, str]:
    """policies/campaigns.sql -> (public, campaigns); policies/storage.objects.sql -> (storage, objects)."""
    schema, _, table = f.name.rpartition(".")
    return (schema or "public"), table


def _drop_policies(conn: psycopg.Connection, f: SqlFile) -> None:
    # The file owns the table's whole policy set: what it no longer creates
    # must go away, so every policy is dropped first, in the same transaction.
    schema, table = table_of_policies_file(f)
    names = conn.execute(
        "select policyname from pg_policies where schemaname = %s and tablename = %s", (schema, table)
    ).fetchall()
    for (name,) in names:
        conn.execute(psycopg.sql.SQL("drop policy {} on {}.{}").format(
            psycopg.sql.Identifier(name), psycopg.sql.Identifier(schema), psycopg.sql.Identifier(table)))


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


@dataclass
class Recorded:
    path: str
    version: str | None
    action: str  # baselined, checksum re-recorded, forgotten


def baseline(conn: psycopg.Connection, project: Project, version: str) -> list[Recorded]:
    """Adopt an existing database: record migrations up to `version` as applied, without running them."""
    target = _target_version(project, version)
    with advisory_lock(conn):
        history.ensure(conn)
        if history.applied_migrations(history.latest(conn)):
            raise Refusal("refusing to baseline: this database already has applied migrations "
                          "(baseline adopts a database that has none)")
        chosen = [f for f in project.migrations if f.version_number <= target]
        with conn.transaction():
            for f in chosen:
                history.record(conn, f, operation="baseline")
    return [Recorded(f.rel, f.version, "baselined") for f in chosen]


def repair_plan(conn: psycopg.Connection, project: Project) -> list[Recorded]:
    """What repair would record: new checksums of edited migrations, and deleted ones forgotten."""
    files = {f.version_number: f for f in project.migrations}
    plan = []
    for version, row in sorted(history.applied_migrations(history.latest(conn)).items()):
        f = files.get(version)
        if f is None:
            plan.append(Recorded(row.path, row.version, "forgotten (file deleted)"))
        elif f.checksum != row.checksum:
            plan.append(Recorded(f.rel, f.version, "checksum re-recorded"))
    return plan


def repair(conn: psycopg.Connection, project: Project) -> list[Recorded]:
    with advisory_lock(conn):
        plan = repair_plan(conn, project)
        files = {f.version: f for f in project.migrations}
        rows = history.applied_migrations(history.latest(conn))
        with conn.transaction():
            for item in plan:
                if item.version in files:
                    history.record(conn, files[item.version], operation="repair")
                else:
                    history.record_forget(conn, rows[int(item.version)])
    return plan
