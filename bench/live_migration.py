"""Live migrations: how long the application stalls while `schema_tool up` changes a busy database.

A database built by `up` is filled with users, leads and lead activities
(1,000 users, 1M leads, 2M activities; a tenth with --quick) while eight
application clients run 40 transactions a second (each client's start times
a Poisson process, as `pgbench --rate` schedules them, so that the clients do
not complete in step), each as an authenticated
user with its JWT claims: read 20 leads, count a lead's activities, insert an
activity, update a lead. For each representative migration, run by `up` as a
new process with its default lock timeout, once on a quiet table and once
while a long transaction holds a read lock on `leads`, the benchmark prints
the longest time in which no application transaction completed, next to the
target: the lock timeout plus 100 ms, and how many application transactions
failed. (`up` against `psql -1 -f`, and a no-op `up`: bench/apply_speed.py.)

    .venv/bin/python bench/live_migration.py [--quick]    # or: make bench
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

try:
    from bench import benchlib
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import benchlib

from schema_tool import migrations_sum, project  # noqa: E402

ROOT, Row = benchlib.ROOT, benchlib.Row

LOCK_TIMEOUT_S = 2.0  # up's default
CLIENTS = 8
RATE_PER_CLIENT = 5.0  # transactions a second: 40 in all

# name -> migrations (one `up` applies them in order); {n} keeps the two runs' objects apart.
SCENARIOS: dict[str, list[str]] = {
    "add a column with a default": [
        "alter table public.leads add column bench_flag_{n} boolean default false;\n",
    ],
    "set not null through a NOT VALID check": [
        "alter table public.leads add constraint leads_bench_flag_{n}_not_null "
        "check (bench_flag_{n} is not null) not valid;\n",
        "alter table public.leads validate constraint leads_bench_flag_{n}_not_null;\n",
        # the valid check proves the column has no null: set not null scans nothing
        "alter table public.leads alter column bench_flag_{n} set not null;\n"
        "alter table public.leads drop constraint leads_bench_flag_{n}_not_null;\n",
    ],
    "foreign key added NOT VALID, then validated": [
        "alter table public.lead_activities add column bench_lead_{n} uuid;\n"
        "alter table public.lead_activities add constraint lead_activities_bench_lead_{n}_fkey "
        "foreign key (bench_lead_{n}) references public.leads (id) not valid;\n",
        "alter table public.lead_activities validate constraint lead_activities_bench_lead_{n}_fkey;\n",
    ],
    "index built concurrently": [
        "-- schema_tool: no-transaction\n"
        "create index concurrently if not exists leads_bench_{n}_idx on public.leads (created_by, score);\n",
    ],
    "column type change (rewrites leads)": [
        "alter table public.leads alter column score type {type};\n",
    ],
    "migration on an unrelated table": [
        "alter table public.webhooks add column bench_note_{n} text;\n",
    ],
}


@dataclass
class Traffic:
    """Application clients as authenticated users; the moments their transactions completed."""

    url: str
    users: list[str]
    done: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> "Traffic":
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(CLIENTS)]
        for thread in self.threads:
            thread.start()
        return self

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)

    def _client(self, number: int) -> None:
        rng = random.Random(number)
        with psycopg.connect(self.url, application_name=f"app {number}") as conn:
            next_at = time.monotonic()
            while not self.stop.is_set():
                next_at += rng.expovariate(RATE_PER_CLIENT)
                try:
                    self._transaction(conn, rng.choice(self.users))
                    self.done.append(time.monotonic())
                except psycopg.Error as error:
                    conn.rollback()
                    self.errors.append(f"{error.diag.sqlstate}: {error.diag.message_primary}")
                time.sleep(max(0.0, next_at - time.monotonic()))

    @staticmethod
    def _transaction(conn: psycopg.Connection, user: str) -> None:
        with conn.transaction():
            conn.execute("set local role authenticated")
            conn.execute("select set_config('request.jwt.claims', %s, true)",
                         (json.dumps({"sub": user, "role": "authenticated"}),))
            leads = conn.execute("select id from public.leads where created_by = %s "
                                 "order by created_at desc limit 20", (user,)).fetchall()
            lead = leads[0][0]
            conn.execute("select count(*) from public.lead_activities where lead_id = %s and user_id = %s",
                         (lead, user)).fetchone()
            conn.execute("insert into public.lead_activities (lead_id, user_id, activity_type) "
                         "values (%s, %s, 'page_visit')", (lead, user))
            conn.execute("update public.leads set notes = 'seen' where id = %s", (lead,))

    def longest_stall(self, start: float, end: float) -> float:
        """The longest stretch of [start, end] in which no transaction completed, in seconds."""
        moments = [start] + sorted(t for t in self.done if start <= t <= end) + [end]
        return max(b - a for a, b in zip(moments, moments[1:]))


def fill(url: str, users: int, leads_per_user: int) -> list[str]:
    """Users, their leads and two activities per lead, loaded without firing the triggers."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set session_replication_role = replica")
        conn.execute("insert into auth.users (id, email) select gen_random_uuid(), 'u' || g || '@bench.test' "
                     "from generate_series(1, %s) as g", (users,))
        conn.execute("insert into public.leads (created_by, email, created_at) "
                     "select u.id, 'l' || g || '@bench.test', now() - g * interval '1 minute' "
                     "from auth.users as u cross join generate_series(1, %s) as g", (leads_per_user,))
        conn.execute("insert into public.lead_activities (lead_id, user_id, activity_type) "
                     "select l.id, l.created_by, t from public.leads as l "
                     "cross join unnest(array['email_open', 'page_visit']) as t")
        conn.execute("vacuum analyze")
        return [str(uid) for (uid,) in conn.execute("select id from auth.users")]


class LongReader:
    """A transaction that reads `leads` and keeps its lock for `seconds`."""

    def __init__(self, url: str, seconds: float):
        self.conn = psycopg.connect(url, application_name="long reader")
        self.conn.execute("select count(*) from public.leads").fetchone()
        self.timer = threading.Timer(seconds, self.end)
        self.timer.start()

    def end(self) -> None:
        if not self.conn.closed:
            self.conn.rollback()
            self.conn.close()


def up(project_dir: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "schema_tool", "up", "--project", str(project_dir),
                           "--database-url", url, *args], capture_output=True, text=True, cwd=ROOT)


def project_copy() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="st-bench-live-"))
    subprocess.run(["cp", "-r", str(ROOT / "sql"), str(folder / "sql")], check=True)
    return folder


def run_scenario(folder: Path, url: str, traffic: Traffic, name: str, n: int, reader_s: float) -> dict:
    latest = project.load(folder).latest_version or 0
    for offset, text in enumerate(SCENARIOS[name], start=1):
        body = text.format(n=n, type="bigint" if n == 1 else "integer")
        header = "" if body.startswith("-- schema_tool") else f"-- bench: {name}.\n\n"
        (folder / "sql" / "migrations" / f"{latest + offset:04d}_bench_{n}_{offset}.sql").write_text(
            header + body, encoding="utf-8")
    migrations_sum.write(folder)  # as `schema_tool new` would
    reader = LongReader(url, reader_s) if reader_s else None
    errors_before = len(traffic.errors)
    started = time.monotonic()
    done = up(folder, url)
    ended = time.monotonic()
    if reader:
        reader.timer.cancel()
        reader.end()
    if done.returncode != 0:
        raise SystemExit(f"{name}: up failed: {done.stderr}")
    return {"scenario": name, "reader_s": reader_s, "up_s": ended - started,
            "stall_s": traffic.longest_stall(started, ended), "retries": done.stderr.count("retry:"),
            "app_errors": traffic.errors[errors_before:]}


def bench(ctx: benchlib.Context, log=print) -> list[Row]:
    users, leads_per_user = (1000, 100) if ctx.quick else (1000, 1000)
    reader_s = 8.0 if ctx.quick else 40.0
    url = ctx.schema_database("bench_live")
    rows: list[Row] = []
    log(f"filling: {users} users, {users * leads_per_user} leads, {2 * users * leads_per_user} activities")
    uids = fill(url, users, leads_per_user)
    folder = project_copy()
    traffic = Traffic(url, uids).start()
    time.sleep(2)
    target = LOCK_TIMEOUT_S + 0.1
    log(f"{'migration':45} {'reader':>7} {'up s':>6} {'retries':>7} {'stall s':>8} {'target':>7} app errors")
    try:
        for name in SCENARIOS:
            for n, reader in ((1, 0.0), (2, reader_s)):
                result = run_scenario(folder, url, traffic, name, n, reader)
                errors = sorted(set(result["app_errors"]))
                log(f"{name:45} {reader:6.0f}s {result['up_s']:6.1f} {result['retries']:7d} "
                      f"{result['stall_s']:8.2f} {target:7.2f} {len(result['app_errors'])} {errors[:2]}")
                label = f"{name}, {'with' if reader else 'no'} long reader"
                rows.append(Row(f"live migration stall: {label}", result["stall_s"], target, "s",
                                note="a table rewrite holds its lock for the rewrite" if "rewrite" in name else ""))
                rows.append(Row(f"live migration app errors: {label}", len(result["app_errors"]), 0, "errors"))
    finally:
        traffic.finish()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the data and an 8 s reader")
    args = parser.parse_args()
    ctx, server = benchlib.standalone_context(args.quick)
    try:
        for row in bench(ctx):
            print(f"{row.name}: {row.measured:g} {row.unit} (target {row.target:g}) {'met' if row.met else row.miss()}")
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
