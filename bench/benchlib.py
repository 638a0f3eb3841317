"""What every benchmark shares: the throwaway server, the schema template, result rows, CPU time.

A benchmark module plugs into `bench/run.py` (`make bench`) by defining

    def bench(ctx: benchlib.Context) -> list[benchlib.Row]

It gets one throwaway server for the whole run (`ctx.server_url`), a database
holding the schema applied by `up` to clone (`ctx.schema_database()`), and
`ctx.quick` (smaller data for `make bench-quick`). It prints what it likes
(its own tables, EXPLAIN output) and returns the rows of the run's table:
each a figure measured side by side with its target.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from schema_tool import apply, project, servers  # noqa: E402

SCHEMA_TEMPLATE = "bench_schema"


@dataclass
class Row:
    """One line of the run's table: `measured` against `target` (at most, unless `at_least`)."""

    name: str
    measured: float
    target: float
    unit: str
    at_least: bool = False
    note: str = ""
    bench: str = ""  # the module that measured it (set by run.py)
    met: bool = field(init=False)

    def __post_init__(self) -> None:
        self.measured = round(float(self.measured), 4)
        self.met = self.measured >= self.target if self.at_least else self.measured <= self.target

    def miss(self) -> str:
        """How far from the target, for a row that misses it."""
        if self.met:
            return ""
        if self.at_least:
            return f"short by {self.target - self.measured:.3g} {self.unit}"
        times = f" ({self.measured / self.target:.2f}x the target)" if self.target else ""
        return f"over by {self.measured - self.target:.3g} {self.unit}{times}"

    def as_json(self) -> dict:
        row = asdict(self)
        row.pop("at_least")
        row["target"] = f"{'>=' if self.at_least else '<='} {self.target:g}"
        return row


@dataclass
class Context:
    server_url: str
    quick: bool
    _template_ready: bool = False

    def url(self, database: str) -> str:
        return servers.url_with_database(self.server_url, database)

    def schema_database(self, name: str) -> str:
        """A new database `name` holding the whole schema (cloned from a template built once); its URL."""
        with psycopg.connect(self.server_url, autocommit=True) as admin:
            if not self._template_ready:
                admin.execute(f"drop database if exists {SCHEMA_TEMPLATE}")
                admin.execute(f"create database {SCHEMA_TEMPLATE}")
                with psycopg.connect(self.url(SCHEMA_TEMPLATE), autocommit=True) as conn:
                    apply.up(conn, project.load(ROOT), apply.ApplyOptions())
                self._template_ready = True
            admin.execute(f"drop database if exists {name}")
            admin.execute(f"create database {name} template {SCHEMA_TEMPLATE}")
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


def start_server(prefix: str = "st-bench-"):
    """A throwaway embedded server tuned for loading (no fsync: its data is deleted at exit)."""
    pgdata = Path(tempfile.mkdtemp(prefix=prefix)) / "data"
    server = servers.throwaway_server(pgdata)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        for setting in ("fsync = off", "synchronous_commit = off", "full_page_writes = off",
                        "max_wal_size = '8GB'", "checkpoint_timeout = '1h'",
                        "maintenance_work_mem = '1GB'", "max_parallel_maintenance_workers = 1",
                        "max_parallel_workers_per_gather = 0", "jit = off"):
            conn.execute(f"alter system set {setting}")
        conn.execute("select pg_reload_conf()")
    return server


def standalone_context(quick: bool) -> tuple[Context, object]:
    """For running one benchmark module on its own: a started server and its context."""
    server = start_server()
    return Context(server.get_uri(), quick), server


def run_standalone(bench, doc: str, quick_help: str) -> None:
    """A module's main(): `--quick`, one throwaway server, bench(ctx), its rows printed with their targets."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    args = parser.parse_args()
    ctx, server = standalone_context(args.quick)
    try:
        rows = bench(ctx)
    finally:
        server.cleanup()
    for row in rows:
        print(f"{row.name}: {row.measured:g} {row.unit} (target {row.as_json()['target']}) "
              f"{'met' if row.met else row.miss()} {row.note}")


def create_users(conn: psycopg.Connection, count: int) -> list:
    """`count` new auth users (the tenants of a benchmark); their ids, in creation order."""
    return [r[0] for r in conn.execute(
        "insert into auth.users (id, email) select gen_random_uuid(), gen_random_uuid() || '@bench.test' "
        "from generate_series(1, %s) returning id", (count,)).fetchall()]


def as_tenant(conn: psycopg.Connection, user_id) -> None:
    """Inside a transaction: what follows runs as the application runs it for `user_id`: role
    authenticated, the user's JWT claims (auth.uid()), row level security on."""
    conn.execute("set local role authenticated")
    conn.execute("select set_config('request.jwt.claims', %s, true)",
                 (json.dumps({"sub": str(user_id), "role": "authenticated"}),))


def backend_cpu_ns(conn: psycopg.Connection) -> int:
    """CPU time the connection's server process has used so far, in ns (Linux schedstat)."""
    pid = conn.info.backend_pid
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])


class Clock:
    """Wall and server CPU time of what runs between start() and stop() on one connection."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def __enter__(self):
        self.cpu = backend_cpu_ns(self.conn)
        self.wall = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall_s = time.perf_counter() - self.wall
        self.cpu_s = (backend_cpu_ns(self.conn) - self.cpu) / 1e9
        return False


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
