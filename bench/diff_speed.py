"""How long a diff takes, side by side in one run.

On a throwaway embedded PostgreSQL: database A holds the full schema, B is a
copy of it with a little drift (a policy dropped, a function changed, a
column and an index added, RLS disabled, a grant revoked). It times:

- catalogs:  schema_tool reading both catalogs, comparing them and ordering
             the SQL (in process)
- from/to:   `schema_tool diff --from A --to B --sql` (a new process)
- cli:       `schema_tool diff --database-url B`, building the files' schema
             in a scratch database first (a new process, as a user runs it)
- migra:     the reference differ on the same pair. It is not a dependency of
             this project: the benchmark installs it (pinned) into its own
             virtualenv under .schema_tool/bench-migra on first use, or takes
             `--migra PATH`; `--no-migra` leaves it out.

The rounds are interleaved (each round runs every command once, in turn), so
that a busy machine slows all of them alike, after one warm-up run each
(Python writes its bytecode then, as on any installed machine). It prints the
medians, and how many times faster `diff --from --to --sql` is than migra
(target: at least 2x) and the full `diff` time (target: under 3 s).

Run: python bench/diff_speed.py [--repeat 5] [--migra /path/to/migra | --no-migra]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from schema_tool import apply, diff, project, servers  # noqa: E402

MIGRA_PACKAGES = ("migra==3.0.1663481299", "schemainspect==3.1.1663587362", "sqlbag==0.1.1617247075",
                  "SQLAlchemy==2.1.9", "psycopg2-binary==2.9.13", "psycopg[binary]==3.3.9")

DRIFT = (
    "drop policy campaigns_owner on public.campaigns",
    "create or replace function public.support_tickets_stamp_resolved_at() returns trigger language plpgsql "
    "set search_path = '' as $$ begin return new; end $$",
    "alter table public.leads add column nickname text",
    "create index leads_nickname_idx on public.leads (nickname)",
    "alter table public.webhooks disable row level security",
    "revoke select on public.campaigns from authenticated",
)


# the subprocesses write bytecode as an installed tool does, whatever this shell says
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def interleaved(runs: dict, repeat: int) -> dict[str, list[float]]:
    """Each run once as a warm-up, then `repeat` rounds of every run in turn."""
    for run in runs.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return times


MIGRA = "migra --schema public (reference differ)"
FROM_TO = "schema_tool diff --from A --to B --sql"
FULL = "schema_tool diff incl. scratch build"


def measure(base: str, repeat: int, migra_path: str | None, prefix: str = "") -> tuple[dict, str]:
    """Interleaved times of every run on server `base` (databases {prefix}a and {prefix}b, dropped
    afterwards), and a note on migra."""
    a_name, b_name = f"{prefix}a", f"{prefix}b"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"drop database if exists {b_name}")
        admin.execute(f"drop database if exists {a_name}")
        admin.execute(f"create database {a_name}")
    a_url, b_url = database_url(base, a_name), database_url(base, b_name)  # URLs, as migra wants them
    with psycopg.connect(a_url, autocommit=True) as conn:
        apply.up(conn, project.load(ROOT), apply.ApplyOptions())
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"create database {b_name} template {a_name}")
    with psycopg.connect(b_url, autocommit=True) as conn:
        for statement in DRIFT:
            conn.execute(statement)

    def catalogs():
        with psycopg.connect(a_url) as a, psycopg.connect(b_url) as b:
            report = diff.compare(diff.read_side(a), diff.read_side(b))
        assert report.modelled and report.sql(allow_destructive=True)[0]

    def from_to():
        subprocess.run([sys.executable, "-m", "schema_tool", "diff", "--from", a_url, "--to", b_url, "--sql"],
                       check=True, capture_output=True, env=ENV)

    def cli():
        subprocess.run([sys.executable, "-m", "schema_tool", "diff", "--project", str(ROOT), "--database-url", b_url],
                       check=True, capture_output=True, env=ENV)

    def migra():
        done = subprocess.run([migra_path, "--unsafe", "--with-privileges", "--schema", "public", a_url, b_url],
                              capture_output=True, text=True, env=ENV)
        if done.returncode != 2 or not done.stdout.strip():  # 2: differences found
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.stdout)

    runs = {"catalogs (read both, compare, order SQL)": catalogs, FROM_TO: from_to, FULL: cli}
    migra_note = "" if migra_path else "migra: left out"
    if migra_path:
        try:
            migra()
            runs[MIGRA] = migra
        except RuntimeError as failure:
            migra_note = f"migra: failed on this pair: {failure}"
    try:
        return interleaved(runs, repeat), migra_note
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"drop database if exists {b_name} with (force)")
            admin.execute(f"drop database if exists {a_name} with (force)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--migra", default=shutil.which("migra"), help="path of a migra executable")
    parser.add_argument("--no-migra", action="store_true", help="do not time (or install) migra")
    args = parser.parse_args()
    if not args.no_migra and not args.migra:
        args.migra = install_migra()

    server = servers.throwaway_server(Path(tempfile.mkdtemp(prefix="st-bench-diff-")) / "data")
    try:
        times, migra_note = measure(server.get_uri(), args.repeat, None if args.no_migra else args.migra)
    finally:
        server.cleanup()

    medians = {name: statistics.median(t) for name, t in times.items()}
    fastest = min(medians.values())
    print(f"full schema ({len(project.load(ROOT).migrations)} migrations), {args.repeat} interleaved rounds")
    print(f"| {'what':44} | median s | min s | ratio |")
    print(f"|{'-' * 46}|----------|-------|-------|")
    for name, median in medians.items():
        print(f"| {name:44} | {median:8.3f} | {min(times[name]):5.3f} | {median / fastest:5.1f} |")
    print(f"schema_tool diff incl. scratch build: {medians[FULL]:.2f} s (target: under 3 s)")
    if MIGRA in medians:
        print(f"diff --from A --to B --sql against migra, new process each: {medians[MIGRA] / medians[FROM_TO]:.2f}x "
              "faster (target: 2x)")
    if migra_note:
        print(migra_note)


def bench(ctx, log=print) -> list:
    """For bench/run.py: the diff against migra (at least 2x faster) and the full diff (under 3 s)."""
    from bench import benchlib

    repeat = 2 if ctx.quick else 5
    migra_path = None if ctx.quick else shutil.which("migra") or install_migra()
    times, note = measure(ctx.server_url, repeat, migra_path, prefix="bench_diff_")
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        log(f"{name}: median {median:.3f} s of {repeat}")
    if note or ctx.quick:
        log("migra: left out of the quick run" if ctx.quick else note)
    rows = [benchlib.Row("diff: incl. the scratch build", medians[FULL], 3.0, "s")]
    if MIGRA in medians:
        rows.append(benchlib.Row("diff: migra / diff --from A --to B --sql (new processes)",
                                 medians[MIGRA] / medians[FROM_TO], 2.0, "x", at_least=True,
                                 note=f"migra {medians[MIGRA]:.2f} s, diff {medians[FROM_TO]:.2f} s"))
    return rows


def database_url(server_url: str, database: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path="/" + database))


def install_migra() -> str | None:
    """migra in its own virtualenv (it needs psycopg2 and SQLAlchemy, which this project does not)."""
    venv = ROOT / ".schema_tool" / "bench-migra"
    executable = venv / "bin" / "migra"
    if not executable.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", *MIGRA_PACKAGES],
                           check=True, capture_output=True, timeout=600)
        except (subprocess.SubprocessError, OSError):
            return None
    return str(executable)


if __name__ == "__main__":
    main()
