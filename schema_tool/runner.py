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
from psycopg import generators, pq

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

        def attempt(number: int) -> None:
            with self.conn.transaction():
                self._run_all()

        def start_again() -> None:
            self._reset()
            self.plan.recorded = dict(recorded)

        try:
            self._retried("the whole run (--single-transaction)", attempt, after_conflict=start_again)
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
            self._unit(f, None, lambda f=f: self._run_file(f, watched=False))
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
        pending = [(f, step) for f, step in self._repeatable_steps() if step.state != "applied"]
        if self.plan.first_build and pending:
            self._repeatables_together(pending)
            return
        for f, step in pending:
            self._unit(f, step, lambda f=f, step=step: self._apply_repeatable(f, step))

    def _repeatables_together(self, pending: list[tuple[SqlFile, Step]]) -> None:
        """On a first build, the repeatable files no migration took in run in one transaction: no session
        can be using objects that do not exist yet, and one transaction reads their fingerprints and
        writes their history once instead of once per file. (Elsewhere each file is a transaction of its
        own, so that no file holds another's locks.)"""
        self._unit(pending[0][0], None, lambda: self._apply_repeatables([f for f, _ in pending]))
        self._applied_with(pending)

    def _applied_with(self, joined: list[tuple[SqlFile, Step]]) -> None:
        """Steps that committed inside another unit's transaction: applied, and said so."""
        for f, step in joined:
            step.state = "applied"
            self.done.append(f.rel)
            self._event("done", step)

    def _repeatable_steps(self) -> list[tuple[SqlFile, Step]]:
        return [(f, s) for f, s in self.plan.steps if f.layer in REPEATABLE_LAYERS]

    # -- units of work ------------------------------------------------------

    def _unit(self, f: SqlFile, step: Step | None, body: Callable[[], None]) -> None:
        """One transaction, tried again after a lock timeout or deadlock."""
        def attempt(number: int) -> None:
            if step:
                step.attempts = number
                self._event("start", step)
            started = time.monotonic()
            with self.conn.transaction():
                body()
            if step:
                self._finished(f, step, started)

        # Under --single-transaction the whole run is retried instead.
        self._retried(f.rel, attempt, step, whole_run=self.options.single_transaction)

    def _retried(self, what: str, attempt: Callable[[int], None], step: Step | None = None, *,
                 whole_run: bool = False, after_conflict: Callable[[], None] | None = None) -> None:
        """`attempt(number)` until it gets its locks: after a lock timeout or deadlock, back off and
        try again, at most --lock-retries times."""
        for number in range(1, self.policy.retries + 2):
            try:
                attempt(number)
                return
            except _Retry as conflict:
                if whole_run:
                    raise
                if after_conflict:
                    after_conflict()
                self._retry_or_fail(conflict, number, step, what)

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
        self._run_file(f)
        history.record(self.conn, f, duration_ms=_ms_since(started))

    def _apply_repeatable(self, f: SqlFile, step: Step) -> None:
        self._apply_repeatables([f])

    def _apply_repeatables(self, files: list[SqlFile]) -> None:
        """Repeatable files in order, then their history rows with the fingerprint each left (read in
        one query: no file changes another's objects)."""
        durations = []
        drops = self._policy_drops([f for f in files if f.layer == "policies"])
        for f in files:
            started = time.monotonic()
            if f.rel in drops:
                self.conn.execute(drops[f.rel])
            self._run_file(f)
            durations.append(_ms_since(started))
        left = fingerprint.fingerprints(self.conn, files)
        history.record_many(self.conn, [(f, duration, left[f.rel]) for f, duration in zip(files, durations)])
        self.plan.recorded.update(left)

    def _migration(self, f: SqlFile, step: Step, *, last: bool) -> None:
        """A migration and, in its transaction, the repeatable objects it broke (and, for the last
        one, every changed repeatable file): the application never sees them missing or stale."""
        joined: list[tuple[SqlFile, Step]] = []
        recorded_before = dict(self.plan.recorded)

        def body() -> None:
            joined.clear()
            self.plan.recorded = dict(recorded_before)
            started = time.monotonic()
            # Only functions applied earlier keep plans made for the old column types (an empty database
            # has none until the end of its first run).
            functions_applied = any(path.startswith("sql/functions/") for path in self.plan.recorded)
            columns = _column_types(self.conn) if functions_applied else set()
            self._statements_without_default_grants(f)
            history.record(self.conn, f, duration_ms=_ms_since(started))
            reasons = {path: f"its objects were changed by {f.rel}" for path in self._broken()}
            if functions_applied:
                for path in self._functions_reading(columns - _column_types(self.conn)):
                    reasons.setdefault(path, f"it reads a table whose column types {f.rel} changed")
            if last and not self.plan.repeatables_blocked:
                reasons.update({s.path: s.reason for _, s in self._repeatable_steps() if s.state != "applied"})
            joined.extend(self._dependants(reasons))
            self._apply_repeatables([rf for rf, _ in joined])

        self._unit(f, step, body)
        self._applied_with(joined)

    def _dependants(self, reasons: dict[str, str]) -> list[tuple[SqlFile, Step]]:
        """Steps for the repeatable files named in `reasons`, in apply order; planned steps are reused."""
        planned = {s.path: (f, s) for f, s in self._repeatable_steps()}
        chosen = []
        for f in self._project_repeatables():
            if f.rel not in reasons:
                continue
            if f.rel not in planned:
                step = Step(f.rel, f.kind, reasons[f.rel])
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

    def _functions_reading(self, columns_gone: set[tuple[int, str]]) -> set[str]:
        """Function files to re-create because a table they read changed a column's type: PL/pgSQL keeps
        the plans it made in every session, and only a new definition makes the sessions plan again
        (otherwise their next call fails with 42804)."""
        relations = sorted({relid for relid, _ in columns_gone})
        if not relations:
            return set()
        names = set(self.conn.execute(FUNCTIONS_READING, {"relations": relations}).fetchall())
        return {f.rel for f in self.project.layer("functions") if f.schema_and_name in names}

    def _repair_broken(self, migration: SqlFile) -> None:
        """After a no-transaction migration: what it broke, each file in a transaction of its own."""
        for f, step in self._dependants({path: f"its objects were changed by {migration.rel}"
                                         for path in self._broken()}):
            if step.state != "applied":
                self._unit(f, step, lambda f=f, step=step: self._apply_repeatable(f, step))

    # -- statements ---------------------------------------------------------

    def _run_file(self, f: SqlFile, watched: bool = True) -> None:
        """A file's statements sent as one simple query: one round trip for the file instead of one per
        statement. The server runs them in order and answers each in turn, so the answer that is an
        error (or the one a lost connection cut off) says which statement failed."""
        pgconn, answered = self.conn.pgconn, 0
        # An unchanged bootstrap file only checks what exists: no second connection to watch it.
        watch = self._watch() if watched else locks.BlockerWatch.idle()
        watch.arm()
        try:
            pgconn.send_query(f.text.encode())
            self.conn.wait(generators.send(pgconn))
            while (result := self.conn.wait(generators.fetch(pgconn))) is not None:
                if result.status == pq.ExecStatus.FATAL_ERROR:
                    error = psycopg.errors.error_from_result(result, encoding=self.conn.info.encoding)
                    while self.conn.wait(generators.fetch(pgconn)) is not None:
                        pass
                    self._fail(f, _answered_statement(f, answered), error, watch, whole_file=True)
                answered += 1
        except psycopg.OperationalError as error:
            self._fail(f, _answered_statement(f, answered), error, watch, whole_file=True)
        finally:
            watch.disarm()

    def _execute(self, f: SqlFile, statement: Statement) -> None:
        """One statement on its own (no-transaction files run this way)."""
        watch = self._watch()
        watch.arm()
        try:
            self.conn.execute(statement.text)
        except psycopg.Error as error:
            self._fail(f, statement, error, watch)
        finally:
            watch.disarm()

    def _fail(self, f: SqlFile, statement: Statement, error: psycopg.Error, watch: locks.BlockerWatch,
              whole_file: bool = False):
        failure = _failure(f, statement, error, whole_file)
        if failure.sqlstate in locks.RETRYABLE:
            raise _Retry(failure, watch.blockers()) from None
        if isinstance(error, psycopg.OperationalError) and self.conn.broken:
            raise ConnectionLost(f"lost the database connection at {failure.path}:{failure.line} "
                                 f"({failure.statement_line}): {failure.message}; the server rolls back "
                                 f"the open transaction; {len(self.done)} file(s) before it stay applied; "
                                 "run `schema_tool status` to see where it stopped") from None
        raise ApplyFailed(failure, list(self.done)) from None

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
        self._run_file(f)
        _restore_default_grants(self.conn, suspended)

    def _policy_drops(self, files: list[SqlFile]) -> dict[str, str]:
        """For each policies file, the statements dropping its table's policies, all read in one query:
        the file owns the table's whole policy set, so what it no longer creates must go away, in the
        same transaction."""
        if not files:
            return {}
        tables = [f.schema_and_name for f in files]
        rows = self.conn.execute(
            "select t.rel, string_agg(format('drop policy %%I on %%I.%%I', p.policyname, p.schemaname, "
            "p.tablename), '; ') from unnest(%s::text[], %s::text[], %s::text[]) as t (rel, schema, name) "
            "join pg_catalog.pg_policies as p on p.schemaname = t.schema and p.tablename = t.name group by t.rel",
            ([f.rel for f in files], [schema for schema, _ in tables], [name for _, name in tables])).fetchall()
        return dict(rows)

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
        self._retried(f.rel, lambda number: self._execute(f, statement), after_conflict=after_conflict)

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


COLUMN_TYPES = """
select a.attrelid::bigint, a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'schema_tool')
"""
# Trigger functions of the tables, and functions whose body names one of them.
FUNCTIONS_READING = r"""
select distinct n.nspname, p.proname
from pg_catalog.pg_proc as p
join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
where p.oid in (select t.tgfoid from pg_catalog.pg_trigger as t where t.tgrelid = any(%(relations)s::oid[]))
    or exists (
        select from pg_catalog.pg_class as c
        where c.oid = any(%(relations)s::oid[]) and p.prosrc ~ ('\m' || c.relname || '\M')
    )
"""


def _column_types(conn: psycopg.Connection) -> set[tuple[int, str]]:
    """(table, 'column type') of every column: what disappears from it changed type or went."""
    return set(conn.execute(COLUMN_TYPES).fetchall())


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


def _failure(f: SqlFile, statement: Statement, error: psycopg.Error, whole_file: bool = False) -> FailedStatement:
    """Where the statement failed in the file: the server's position counts from the start of what was
    sent (the whole file, or the statement alone)."""
    diag = error.diag
    offset = statement.offset
    if diag.statement_position:
        offset = (0 if whole_file else statement.offset) + int(diag.statement_position) - 1
    line, column = line_and_column(f.text, offset)
    return FailedStatement(
        path=f.rel, line=line, column=column, sqlstate=diag.sqlstate,
        message=diag.message_primary or " ".join(str(error).split()), detail=diag.message_detail,
        hint=diag.message_hint, context=diag.context.strip() if diag.context else None,
        statement=statement.text,
    )


def _answered_statement(f: SqlFile, answered: int) -> Statement:
    """The statement the server was answering when it failed: the file is split only then, since
    splitting every file costs more than the server takes to run most of them."""
    statements = split(f.text) or [Statement(f.text, 0)]
    return statements[min(answered, len(statements) - 1)]


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
