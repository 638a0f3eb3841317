"""How `up` waits on a live database: every lock wait bounded, retries with
backoff, and the sessions in the way named.

A DDL statement queued for a lock makes every later query on that table
queue behind it, so an unbounded wait stalls the application for as long as
the slowest transaction holding the table. With a lock_timeout the stall
lasts at most that long; the file's transaction rolls back, `up` waits and
tries again.
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass
from datetime import datetime

import psycopg

from schema_tool.errors import UsageError

LOCK_TIMEOUT = "55P03"
DEADLOCK = "40P01"
RETRYABLE = {LOCK_TIMEOUT: "lock timeout", DEADLOCK: "deadlock"}
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)?\s*$")
BACKOFF_CAP_S = 30.0


def milliseconds(value: str, option: str) -> int:
    """'2s' -> 2000, '500ms' -> 500, '1min' -> 60000, '0' -> 0 (no limit)."""
    match = DURATION.match(value)
    if not match:
        raise UsageError(f"{option} takes a duration such as 500ms, 2s or 1min, not {value!r}")
    number, unit = float(match[1]), match[2] or "s"
    return int(number * {"ms": 1, "s": 1000, "min": 60000}[unit])


@dataclass
class LockPolicy:
    lock_timeout_ms: int = 2000
    retries: int = 5
    statement_timeout_ms: int = 0  # 0: none
    wait_ms: int = 60000  # for another `up` to finish

    def backoff_s(self, attempt: int) -> float:
        """Seconds to wait before retry `attempt` (1, 2, ...): doubling from the lock timeout, with jitter
        so that two waiting runs do not keep colliding."""
        base = max(self.lock_timeout_ms, 200) / 1000 * 2 ** (attempt - 1)
        return min(base, BACKOFF_CAP_S) * random.uniform(0.75, 1.25)


def apply_settings(conn: psycopg.Connection, policy: LockPolicy) -> None:
    """Session settings for every statement `up` runs, including catalog reads."""
    conn.execute("select set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
                 (f"{policy.lock_timeout_ms}ms", f"{policy.statement_timeout_ms}ms"))


@dataclass(frozen=True)
class Blocker:
    pid: int
    user: str | None
    application: str | None
    state: str | None
    since: datetime | None
    query: str | None

    def __str__(self) -> str:
        who = ", ".join(part for part in (self.user, self.application) if part)
        since = f" since {self.since:%H:%M:%S}" if self.since else ""
        first_line = (self.query or "").strip().splitlines()[0][:120] if (self.query or "").strip() else ""
        return f"pid {self.pid} ({who}; {self.state or 'unknown'}{since}): {first_line}"


BLOCKERS = """
select a.pid, a.usename, nullif(a.application_name, ''), a.state, coalesce(a.xact_start, a.query_start), a.query
from unnest(pg_catalog.pg_blocking_pids(%s)) as b (pid)
join pg_catalog.pg_stat_activity as a on a.pid = b.pid
order by a.pid
"""


class BlockerWatch:
    """A second connection that notes who blocks the applying session while a statement runs.

    When a lock wait times out the wait is over, so the blockers must be seen
    while it lasts: the watch polls pg_blocking_pids a few times per lock
    timeout and keeps the last non-empty answer."""

    def __init__(self, url: str, watched_pid: int, lock_timeout_ms: int):
        self._url = url
        self._pid = watched_pid
        self._interval = min(max(lock_timeout_ms / 4000, 0.02), 0.25)
        self._armed = threading.Event()
        self._stopped = threading.Event()
        self._seen: list[Blocker] = []
        self._thread: threading.Thread | None = None

    @classmethod
    def idle(cls) -> "BlockerWatch":
        """A watch that never runs: it sees no blocker."""
        return cls("", 0, 0)

    def __enter__(self) -> "BlockerWatch":
        self._thread = threading.Thread(target=self._run, name="schema_tool-blocker-watch", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopped.set()
        self._armed.set()
        if self._thread:
            self._thread.join(timeout=5)

    def arm(self) -> None:
        """A statement is about to run: start watching, forget earlier blockers."""
        self._seen = []
        self._armed.set()

    def disarm(self) -> None:
        self._armed.clear()

    def blockers(self) -> list[Blocker]:
        return list(self._seen)

    def _run(self) -> None:
        try:
            conn = psycopg.connect(self._url, autocommit=True, application_name="schema_tool watch")
        except psycopg.Error:
            return  # without a watch, failures simply name no blocker
        with conn:
            while not self._stopped.is_set():
                self._armed.wait()
                # Most statements end within one interval, and a lock wait that times out lasts several:
                # look only at what is still running after one.
                if self._stopped.wait(self._interval) or not self._armed.is_set():
                    continue
                try:
                    rows = conn.execute(BLOCKERS, (self._pid,)).fetchall()
                except psycopg.Error:
                    return
                if rows:
                    self._seen = [Blocker(*row) for row in rows]


ADVISORY_HOLDER = """
select a.pid, a.usename, nullif(a.application_name, ''), a.state, a.backend_start, a.query
from pg_catalog.pg_locks as l
join pg_catalog.pg_stat_activity as a on a.pid = l.pid
where l.locktype = 'advisory' and l.granted and l.database = (
    select oid from pg_catalog.pg_database where datname = current_database())
    and l.objsubid = 1 and l.classid = %s::bigint::oid and l.objid = %s::bigint::oid
"""


def advisory_holder(conn: psycopg.Connection, key: int) -> Blocker | None:
    row = conn.execute(ADVISORY_HOLDER, ((key >> 32) & 0xFFFFFFFF, key & 0xFFFFFFFF)).fetchone()
    return Blocker(*row) if row else None
