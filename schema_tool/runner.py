"""Running a plan: bootstrap, migrations (each with the repeatable objects it breaks), the rest.

Every file runs in a transaction of its own with its history row, tried
again after a lock timeout or deadlock (schema_tool.locks). A migration's
transaction also re-creates the repeatable objects it dropped or changed,
and the last pending migration's transaction applies every changed
repeatable file, so no committed state has a missing view or a function
older than its table. A no-transaction file runs statement by statement and
is recorded only when every index it builds is valid.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import psycopg
import psycopg.sql

from schema_tool import fingerprint, history, locks
from schema_tool.errors import ApplyFailed, ConnectionLost, FailedStatement
from schema_tool.plan import CRON_ABSENT, ApplyOptions, Event, Listener, Plan, Step, has_extension
from schema_tool.project import REPEATABLE_LAYERS, Project, SqlFile
from schema_tool.sqlsplit import Statement, line_and_column, split

# The roles a Supabase project's default privileges give every new table to.
API_ROLES = ("anon", "authenticated")


class _Retry(Exception):
    """A lock timeout or deadlock: the transaction rolled back and may be tried again."""

    def __init__(self, failure: FailedStatement, blockers: list[locks.Blocker]):
        super().__init__(str(failure))
        self.failure = failure
        self.blockers = blockers


class Runner:
    """Runs a plan: bootstrap, migrations (each with the repeatable objects it breaks), the rest."""

    def __init__(self, conn: psycopg.Connection, project: Project, plan: Plan, options: ApplyOptions,
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

    def __enter__(self) -> "Runner":
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
        if plan.held_cron and has_extension(self.conn, "pg_cron"):
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
