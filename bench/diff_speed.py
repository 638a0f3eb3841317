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

Run: python bench/diff_speed.py [--repeat 5] [--migra /path/to/migra | --no-migra]
"""

from __future__ import annotations

import argparse
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
    "create or replace function public.stamp_resolved_at() returns trigger language plpgsql "
    "set search_path = '' as $$ begin return new; end $$",
    "alter table public.leads add column nickname text",
    "create index leads_nickname_idx on public.leads (nickname)",
    "alter table public.webhooks disable row level security",
    "revoke select on public.campaigns from authenticated",
)


def timed(run, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--migra", default=shutil.which("migra"), help="path of a migra executable")
    parser.add_argument("--no-migra", action="store_true", help="do not time (or install) migra")
    args = parser.parse_args()
    if not args.no_migra and not args.migra:
        args.migra = install_migra()

    server = servers.throwaway_server(Path(tempfile.mkdtemp(prefix="st-bench-diff-")) / "data")
    rows, migra_note = measure(server.get_uri(), args.repeat, None if args.no_migra else args.migra)
    server.cleanup()

    fastest = min(statistics.median(t) for _, t in rows)
    print(f"full schema ({len(project.load(ROOT).migrations)} migrations), {args.repeat} runs each")
    print(f"| {'what':44} | median s | min s | ratio |")
    print(f"|{'-' * 46}|----------|-------|-------|")
    for name, times in rows:
        median = statistics.median(times)
        print(f"| {name:44} | {median:8.3f} | {min(times):5.3f} | {median / fastest:5.1f} |")
    if migra_note or not args.migra:
        print(migra_note or "migra: could not be installed here")


def measure(base: str, repeat: int, migra: str | None, prefix: str = "") -> tuple[list, str]:
    """(name, times) of each way of diffing, on databases `{prefix}a` and `{prefix}b` of the server at `base`."""
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
                       check=True, capture_output=True)

    def cli():
        subprocess.run([sys.executable, "-m", "schema_tool", "diff", "--project", str(ROOT), "--database-url", b_url],
                       check=True, capture_output=True)

    rows = [("catalogs (read both, compare, order SQL)", timed(catalogs, repeat)),
            ("schema_tool diff --from A --to B --sql", timed(from_to, repeat)),
            ("schema_tool diff incl. scratch build", timed(cli, repeat))]
    migra_note = "migra: left out (--no-migra)" if not migra else ""
    if migra:
        def run_migra():
            done = subprocess.run([migra, "--unsafe", "--with-privileges", "--schema", "public", a_url, b_url],
                                  capture_output=True, text=True)
            if done.returncode != 2 or not done.stdout.strip():  # 2: differences found
                raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.stdout)
        try:
            rows.append(("migra --schema public (reference differ)", timed(run_migra, repeat)))
        except RuntimeError as failure:
            migra_note = f"migra: failed on this pair: {failure}"
    return rows, migra_note


def bench(ctx, log=print) -> list:
    """For bench/run.py: the CLI's diff against its targets and against migra."""
    from bench import benchlib

    repeat = 2 if ctx.quick else 5
    migra = None if ctx.quick else shutil.which("migra") or install_migra()
    rows, note = measure(ctx.server_url, repeat, migra, prefix="bench_diff_")
    note = "migra: left out of the quick run" if ctx.quick else note
    medians = {name: statistics.median(times) for name, times in rows}
    for name, median in medians.items():
        log(f"{name}: median {median:.3f} s of {repeat}")
    if note:
        log(note)
    out = [benchlib.Row("diff: --from A --to B --sql", medians["schema_tool diff --from A --to B --sql"], 1.0, "s"),
           benchlib.Row("diff: incl. the scratch build", medians["schema_tool diff incl. scratch build"], 3.0, "s")]
    migra = medians.get("migra --schema public (reference differ)")
    if migra:
        out.append(benchlib.Row("diff: --from A --to B --sql / migra", medians["schema_tool diff --from A --to B --sql"]
                                / migra, 1.0, "x", note=f"migra {migra:.2f} s"))
    elif not ctx.quick:
        out.append(benchlib.Row("diff: --from A --to B --sql / migra", 0, 1.0, "x", note=note or "migra unavailable"))
        out[-1].met = False
    with psycopg.connect(ctx.server_url, autocommit=True) as admin:
        admin.execute("drop database if exists bench_diff_b")
        admin.execute("drop database if exists bench_diff_a")
    return out


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
