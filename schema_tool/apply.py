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
from dataclasses import dataclass, field

import psycopg
import psycopg.sql

from schema_tool import fingerprint, history, locks
from schema_tool.errors import ApplyFailed, ConnectionLost, FailedStatement, Refusal, UsageError
from schema_tool.project import REPEATABLE_LAYERS, Project, SqlFile
from schema_tool.sqlsplit import Statement, line_and_column, split

CRON_ABSENT = "pg_cron not installed"
LOCK_KEY = "select hashtextextended('schema_tool.history', 0)"
# A killed client must not keep the lock for the length of its query: the
# server checks the socket this often and aborts the orphaned transaction.
DEAD_CLIENT_CHECK = "set client_connection_check_interval = '1s'"
# The roles a Supabase project's default privileges give every new table to.
API_ROLES = ("anon", "authenticated")


@dataclass
class Step:
    path: str
    kind: str
    reason: str
    version: str | None = None
    record: bool = True
    state: str = "planned"  # planned -> applied
    duration_ms: int = 0
    attempts: int = 1


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
    locks: locks.LockPolicy = field(default_factory=locks.LockPolicy)


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


@dataclass
class Event:
    phase: str  # start, done, retry, wait
    step: Step | None
    index: int = 0
    total: int = 0
    message: str = ""


Listener = Callable[[Event], None]


@dataclass
class _Plan:
    steps: list[tuple[SqlFile, Step]]
    skipped: list[Skipped]
    unchanged_bootstrap: list[SqlFile]
    # Cron steps held back because pg_cron is absent now; the bootstrap may
    # create it, so they are reconsidered once the bootstrap has run.
    held_cron: list[tuple[SqlFile, Step]] = field(default_factory=list)
    # The fingerprint each applied repeatable file left, by path.
    recorded: dict[str, str] = field(default_factory=dict)
    # Rows written before fingerprints were kept: the fingerprint to adopt.
    adopt: dict[str, str] = field(default_factory=dict)
    repeatables_blocked: bool = False

    @property
    def bootstrap_checked(self) -> int:
        return len(self.unchanged_bootstrap) + sum(f.layer == "bootstrap" for f, _ in self.steps)


def up(conn: psycopg.Connection, project: Project, options: ApplyOptions,
       listener: Listener | None = None) -> ApplyReport:
    """Apply what is pending. Raises Refusal before anything runs, ApplyFailed when a file fails."""
    started = time.monotonic()
    conn.execute(DEAD_CLIENT_CHECK)
    locks.apply_settings(conn, options.locks)
    notify = listener or (lambda event: None)
    if options.dry_run:
        plan = make_plan(conn, project, options)
    else:
        with advisory_lock(conn, options.locks.wait_ms, notify):
            _before_anything(conn, history.ensure, "create the history table schema_tool.history")
            plan = make_plan(conn, project, options)
            if plan.adopt:
                history.adopt_fingerprints(conn, plan.adopt)
            with _Runner(conn, project, plan, options, notify) as runner:
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


def make_plan(conn: psycopg.Connection, project: Project, options: ApplyOptions) -> _Plan:
    rows = history.latest(conn)
    applied = history.applied_migrations(rows)
    recorded = history.repeatables(rows)
    _refuse_tampering(project, applied)
    target = _target_version(project, options.target)

    steps: list[tuple[SqlFile, Step]] = []
    bootstrap = project.layer("bootstrap")
    for f in bootstrap:
        # Bootstrap runs on every up; its statements create only what is
        # absent. It is listed (and recorded) only when its file changed.
        if f.rel not in recorded or recorded[f.rel].checksum != f.checksum:
            steps.append((f, Step(f.rel, f.kind, "new" if f.rel not in recorded else "changed")))
    pending = _pending_migrations(project, applied, target, options.allow_out_of_order)
    steps.extend((f, Step(f.rel, f.kind, "pending", version=f.version)) for f in pending)

    repeatable = [f for layer in REPEATABLE_LAYERS for f in project.layer(layer)]
    kept = [f for f in repeatable if f.rel in recorded and recorded[f.rel].checksum == f.checksum]
    current = fingerprint.fingerprints(conn, kept)
    plan = _Plan(steps, [], [f for f in bootstrap if f.rel in recorded and recorded[f.rel].checksum == f.checksum])
    plan.recorded = {f.rel: recorded[f.rel].fingerprint or current[f.rel] for f in kept}
    plan.adopt = {f.rel: current[f.rel] for f in kept if recorded[f.rel].fingerprint is None}
    plan.repeatables_blocked = target is not None and target < (project.latest_version or 0)
    cron_installed = _has_extension(conn, "pg_cron")
    for layer in REPEATABLE_LAYERS:
        files = project.layer(layer)
        if not files:
            continue
        if plan.repeatables_blocked:
            plan.skipped.append(Skipped(layer, f"--target {options.target} stops before the latest migration"))
            continue
        layer_steps = [(f, Step(f.rel, f.kind, reason)) for f in files
                       if (reason := _repeatable_reason(f, recorded.get(f.rel), plan.recorded, current))]
        if layer == "cron" and not cron_installed:
            plan.skipped.append(Skipped(layer, CRON_ABSENT))
            plan.held_cron = layer_steps
            continue
        steps.extend(layer_steps)
    if options.single_transaction:
        for f, _ in steps:
            if f.no_transaction:
                raise Refusal(f"{f.rel} is a no-transaction file and cannot run under --single-transaction")
    return plan


def _repeatable_reason(f: SqlFile, row: history.Applied | None, recorded: dict[str, str],
                       current: dict[str, str]) -> str | None:
    if row is None:
        return "new"
    if row.checksum != f.checksum:
        return "changed"
    if recorded[f.rel] != current[f.rel]:
        return "its objects changed since it ran"
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


class _Retry(Exception):
    """A lock timeout or deadlock: the transaction rolled back and may be tried again."""

    def __init__(self, failure: FailedStatement, blockers: list[locks.Blocker]):
        super().__init__(str(failure))
        self.failure = failure
        self.blockers = blockers


class _Runner:
    """Runs a plan: bootstrap, migrations (each with the repeatable objects it breaks), the rest."""

    def __init__(self, conn: psycopg.Connection, project: Project, plan: _Plan, options: ApplyOptions,
                 notify: Listener):
        self.conn = conn
        self.project = project
        self.plan = plan
        self.options = options
        self.policy = options.locks
        self.notify = notify
        self.done: list[str] = []
        self.count = 0
        self.watch: locks.BlockerWatch | None = None
        self.relations: dict[int, tuple[str, str]] = {}

    def __enter__(self) -> "_Runner":
        return self

    def __exit__(self, *exc) -> None:
        if self.watch:
            self.watch.__exit__(*exc)

    # -- the order of a run -------------------------------------------------

    def run(self) -> None:
        if not self.options.single_transaction:
            self._run_all()
            return
        recorded = dict(self.plan.recorded)
        for attempt in range(1, self.policy.retries + 2):
            try:
                try:
                    with self.conn.transaction():
                        self._run_all()
                    return
                except _Retry as conflict:
                    self._reset()
                    self.plan.recorded = dict(recorded)
                    self._retry_or_fail(conflict, attempt, None, "the whole run (--single-transaction)")
            except ApplyFailed as failure:
                failure.applied = []  # the whole run rolled back
                failure.left = "nothing was applied: the whole run rolled back (--single-transaction)"
                self._reset()
                raise

    def _reset(self) -> None:
        for _, step in self.plan.steps:
            step.state = "planned"
        self.done.clear()

    def _run_all(self) -> None:
        plan = self.plan
        # Unchanged bootstrap files still run: their guarded statements
        # recreate whatever went missing and otherwise change nothing.
        for f in plan.unchanged_bootstrap:
            self._unit(f, None, lambda f=f: self._statements(f, split(f.text)))
        for f, step in [(f, s) for f, s in plan.steps if f.layer == "bootstrap"]:
            self._unit(f, step, lambda f=f, step=step: self._apply_and_record(f, step))
        if plan.held_cron and _has_extension(self.conn, "pg_cron"):
            plan.steps.extend(plan.held_cron)
            plan.skipped[:] = [s for s in plan.skipped if not (s.layer == "cron" and s.reason == CRON_ABSENT)]
            plan.held_cron = []
        migrations = [(f, s) for f, s in plan.steps if f.layer == "migrations"]
        for index, (f, step) in enumerate(migrations):
            last = index == len(migrations) - 1
            if f.no_transaction:
                self._no_transaction_migration(f, step)
                self._repair_broken(f)
            else:
                self._migration(f, step, last=last)
        for f, step in self._repeatable_steps():
            if step.state != "applied":
                self._unit(f, step, lambda f=f, step=step: self._apply_repeatable(f, step))

    def _repeatable_steps(self) -> list[tuple[SqlFile, Step]]:
        return [(f, s) for f, s in self.plan.steps if f.layer in REPEATABLE_LAYERS]

    # -- units of work ------------------------------------------------------

    def _unit(self, f: SqlFile, step: Step | None, body: Callable[[], None]) -> None:
        """One transaction, tried again after a lock timeout or deadlock."""
        for attempt in range(1, self.policy.retries + 2):
            if step:
                step.attempts = attempt
                self._event("start", step)
            started = time.monotonic()
            try:
                with self.conn.transaction():
                    body()
            except _Retry as conflict:
                if self.options.single_transaction:
                    raise
                self._retry_or_fail(conflict, attempt, step, f.rel)
                continue
            if step:
                self._finished(f, step, started)
            return

    def _retry_or_fail(self, conflict: _Retry, attempt: int, step: Step | None, what: str) -> None:
        failure = conflict.failure
        blockers = "; ".join(str(b) for b in conflict.blockers) or "no blocking session seen"
        kind = locks.RETRYABLE.get(failure.sqlstate or "", "lock conflict")
        if attempt > self.policy.retries:
            failure.message = (f"{kind} (lock_timeout {self.policy.lock_timeout_ms} ms), gave up after "
                               f"{attempt} attempt(s): {failure.statement_line}; blocked by {blockers}")
            raise ApplyFailed(failure, list(self.done), left=f"nothing of {failure.path} was applied")
        wait = self.policy.backoff_s(attempt)
        self._event("retry", step, f"{what}: {kind} at {failure.path}:{failure.line} "
                                   f"({failure.statement_line}); blocked by {blockers}; "
                                   f"retry {attempt} of {self.policy.retries} in {wait:.1f} s")
        time.sleep(wait)

    def _finished(self, f: SqlFile, step: Step, started: float) -> None:
        step.duration_ms = _ms_since(started)
        step.state = "applied"
        self.done.append(f.rel)
        self._event("done", step)

    def _event(self, phase: str, step: Step | None, message: str = "") -> None:
        if phase == "start":
            self.count += 1
        self.notify(Event(phase, step, self.count, len(self.plan.steps), message))

    def _apply_and_record(self, f: SqlFile, step: Step) -> None:
        started = time.monotonic()
        self._statements(f, split(f.text))
        history.record(self.conn, f, duration_ms=_ms_since(started))

    def _apply_repeatable(self, f: SqlFile, step: Step) -> str:
        """A repeatable file's statements and its history row with the fingerprint it leaves."""
        started = time.monotonic()
        if f.layer == "policies":
            self._drop_policies(f)
        self._statements(f, split(f.text))
        left = fingerprint.fingerprints(self.conn, [f])[f.rel]
        history.record(self.conn, f, duration_ms=_ms_since(started), fingerprint=left)
        self.plan.recorded[f.rel] = left
        return left

    def _migration(self, f: SqlFile, step: Step, *, last: bool) -> None:
        """A migration and, in its transaction, the repeatable objects it broke (and, for the last
        one, every changed repeatable file): the application never sees them missing or stale."""
        joined: list[tuple[SqlFile, Step]] = []
        recorded_before = dict(self.plan.recorded)

        def body() -> None:
            joined.clear()
            self.plan.recorded = dict(recorded_before)
            started = time.monotonic()
            self._statements_without_default_grants(f)
            history.record(self.conn, f, duration_ms=_ms_since(started))
            broken = self._broken()
            if last and not self.plan.repeatables_blocked:
                wanted = {s.path for _, s in self._repeatable_steps() if s.state != "applied"} | broken
            else:
                wanted = broken
            for rf, rstep in self._dependants(wanted, f):
                self._apply_repeatable(rf, rstep)
                joined.append((rf, rstep))

        self._unit(f, step, body)
        for rf, rstep in joined:
            rstep.state = "applied"
            self.done.append(rf.rel)
            self._event("done", rstep)

    def _dependants(self, paths: set[str], migration: SqlFile) -> list[tuple[SqlFile, Step]]:
        """Steps for the repeatable files at `paths`, in apply order; planned steps are reused."""
        planned = {s.path: (f, s) for f, s in self._repeatable_steps()}
        chosen = []
        for f in self._project_repeatables():
            if f.rel not in paths:
                continue
            if f.rel not in planned:
                step = Step(f.rel, f.kind, f"its objects were changed by {migration.rel}")
                self.plan.steps.append((f, step))
                planned[f.rel] = (f, step)
            chosen.append(planned[f.rel])
        return chosen

    def _project_repeatables(self) -> list[SqlFile]:
        return [f for f in self.project.files if f.layer in REPEATABLE_LAYERS and
                not (f.layer == "cron" and self.plan.held_cron)]

    def _broken(self) -> set[str]:
        """Applied repeatable files whose objects are no longer what they produced."""
        files = [f for f in self._project_repeatables() if f.rel in self.plan.recorded]
        now = fingerprint.fingerprints(self.conn, files)
        return {path for path, fp in now.items() if self.plan.recorded.get(path) != fp}

    def _repair_broken(self, migration: SqlFile) -> None:
        """After a no-transaction migration: what it broke, each file in a transaction of its own."""
        for f, step in self._dependants(self._broken(), migration):
            if step.state != "applied":
                self._unit(f, step, lambda f=f, step=step: self._apply_repeatable(f, step))

    # -- statements ---------------------------------------------------------

    def _statements(self, f: SqlFile, statements: list[Statement]) -> None:
        for statement in statements:
            self._execute(f, statement)

    def _execute(self, f: SqlFile, statement: Statement) -> None:
        watch = self._watch()
        watch.arm()
        try:
            self.conn.execute(statement.text)
        except psycopg.Error as error:
            failure = _failure(f, statement, error)
            if failure.sqlstate in locks.RETRYABLE:
                raise _Retry(failure, watch.blockers()) from None
            if isinstance(error, psycopg.OperationalError) and self.conn.broken:
                raise ConnectionLost(f"lost the database connection at {failure.path}:{failure.line} "
                                     f"({failure.statement_line}): {failure.message}; the server rolls back "
                                     f"the open transaction; {len(self.done)} file(s) before it stay applied; "
                                     "run `schema_tool status` to see where it stopped") from None
            raise ApplyFailed(failure, list(self.done)) from None
        finally:
            watch.disarm()

    def _watch(self) -> locks.BlockerWatch:
        if self.watch is None:
            url = psycopg.conninfo.make_conninfo(self.conn.info.dsn, password=self.conn.info.password)
            self.watch = locks.BlockerWatch(url, self.conn.info.backend_pid, self.policy.lock_timeout_ms)
            self.watch.__enter__()
        return self.watch

    def _statements_without_default_grants(self, f: SqlFile) -> None:
        """A migration's statements with the API roles' default privileges on new tables suspended, so a
        new table is reachable by anon and authenticated only once its policies file grants it."""
        suspended = _suspend_default_table_grants(self.conn)
        self._statements(f, split(f.text))
        _restore_default_grants(self.conn, suspended)

    def _drop_policies(self, f: SqlFile) -> None:
        # The file owns the table's whole policy set: what it no longer creates
        # must go away, so every policy is dropped first, in the same transaction.
        schema, table = fingerprint.schema_and_name(f)
        names = self.conn.execute(
            "select policyname from pg_policies where schemaname = %s and tablename = %s", (schema, table)
        ).fetchall()
        for (name,) in names:
            self.conn.execute(psycopg.sql.SQL("drop policy {} on {}.{}").format(
                psycopg.sql.Identifier(name), psycopg.sql.Identifier(schema), psycopg.sql.Identifier(table)))

    # -- no-transaction migrations -----------------------------------------

    def _no_transaction_migration(self, f: SqlFile, step: Step) -> None:
        """Statement by statement, each committed on its own. An index that a failed or interrupted
        build left INVALID is dropped and built again; the file is recorded only when every index
        it builds is valid."""
        started = time.monotonic()
        self._event("start", step)
        statements = split(f.text)
        built = fingerprint.indexes_built(f)
        for schema, name in built:
            self._drop_if_invalid(f, schema, name)
        for number, statement in enumerate(statements, start=1):
            self._autocommit_statement(f, statement, number, len(statements), built)
        invalid = [f"{s}.{n}" for s, n in built if _index_state(self.conn, s, n) == "invalid"]
        if invalid:
            raise ApplyFailed(FailedStatement(f.rel, 1, 1, None, f"index {', '.join(invalid)} is INVALID"),
                              list(self.done), left=f"{f.rel} is not recorded; the next `up` drops and rebuilds it")
        with self.conn.transaction():
            history.record(self.conn, f, duration_ms=_ms_since(started))
        self._finished(f, step, started)

    def _autocommit_statement(self, f: SqlFile, statement: Statement, number: int, total: int,
                              built: list[tuple[str, str]]) -> None:
        def drop_invalid() -> None:
            for schema, name in built:
                self._drop_if_invalid(f, schema, name)

        try:
            self._autocommit(f, statement, drop_invalid)
        except ApplyFailed as failure:
            failure.left = _what_is_left(f, number, total, self.conn, built)
            raise

    def _autocommit(self, f: SqlFile, statement: Statement, after_conflict: Callable[[], None] | None = None) -> None:
        """One statement outside a transaction, tried again after a lock timeout or deadlock."""
        for attempt in range(1, self.policy.retries + 2):
            try:
                self._execute(f, statement)
                return
            except _Retry as conflict:
                if after_conflict:
                    after_conflict()
                self._retry_or_fail(conflict, attempt, None, f.rel)

    def _drop_if_invalid(self, f: SqlFile, schema: str, name: str) -> None:
        if _index_state(self.conn, schema, name) == "invalid":
            drop = psycopg.sql.SQL("drop index concurrently if exists {}.{}").format(
                psycopg.sql.Identifier(schema), psycopg.sql.Identifier(name))
            self._autocommit(f, Statement(drop.as_string(self.conn), 0))


def _what_is_left(f: SqlFile, number: int, total: int, conn: psycopg.Connection,
                  built: list[tuple[str, str]]) -> str:
    committed = f"statements 1-{number - 1} of {total} committed" if number > 1 else "no statement committed"
    invalid = [f"{s}.{n}" for s, n in built if not conn.broken and _index_state(conn, s, n) == "invalid"]
    tail = f"; index {', '.join(invalid)} left INVALID, and the next `up` drops and rebuilds it" if invalid else ""
    return f"{f.rel} runs without a transaction: {committed}{tail}; it is not recorded, so `up` runs it again"


def _index_state(conn: psycopg.Connection, schema: str, name: str) -> str | None:
    row = conn.execute(
        "select i.indisvalid from pg_catalog.pg_index as i join pg_catalog.pg_class as c on c.oid = i.indexrelid "
        "join pg_catalog.pg_namespace as n on n.oid = c.relnamespace where n.nspname = %s and c.relname = %s",
        (schema, name)).fetchone()
    return None if row is None else ("valid" if row[0] else "invalid")


DEFAULT_TABLE_GRANTS = """
select coalesce(n.nspname, ''), a.grantee::regrole::text, string_agg(a.privilege_type, ', '), a.is_grantable
from pg_catalog.pg_default_acl as d
cross join lateral aclexplode(d.defaclacl) as a
left join pg_catalog.pg_namespace as n on n.oid = d.defaclnamespace
where d.defaclrole = current_user::regrole and d.defaclobjtype = 'r'
    and a.grantee in (select oid from pg_catalog.pg_roles where rolname = any(%s))
group by 1, 2, 4
"""


def _suspend_default_table_grants(conn: psycopg.Connection) -> list[tuple[str, str, str, bool]]:
    """Revoke the API roles' default privileges on new tables for this transaction; return what to restore."""
    grants = conn.execute(DEFAULT_TABLE_GRANTS, (list(API_ROLES),)).fetchall()
    for schema, grantee, _, _ in grants:
        conn.execute(_default_privileges(schema, "revoke all on tables from {}", grantee))
    return grants


def _restore_default_grants(conn: psycopg.Connection, grants: list[tuple[str, str, str, bool]]) -> None:
    for schema, grantee, privileges, grantable in grants:
        option = " with grant option" if grantable else ""
        conn.execute(_default_privileges(schema, f"grant {privileges.lower()} on tables to {{}}{option}", grantee))


def _default_privileges(schema: str, action: str, grantee: str) -> psycopg.sql.Composed:
    where = psycopg.sql.SQL(" in schema {}").format(psycopg.sql.Identifier(schema)) if schema else psycopg.sql.SQL("")
    return psycopg.sql.SQL("alter default privileges{} ").format(where) + psycopg.sql.SQL(action).format(
        psycopg.sql.SQL(grantee))


def _failure(f: SqlFile, statement: Statement, error: psycopg.Error) -> FailedStatement:
    diag = error.diag
    offset = statement.offset
    if diag.statement_position:
        offset += int(diag.statement_position) - 1
    line, column = line_and_column(f.text, offset)
    return FailedStatement(
        path=f.rel, line=line, column=column, sqlstate=diag.sqlstate,
        message=diag.message_primary or " ".join(str(error).split()), detail=diag.message_detail,
        hint=diag.message_hint, context=diag.context.strip() if diag.context else None,
        statement=statement.text,
    )


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
