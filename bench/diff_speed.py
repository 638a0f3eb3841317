"""How long a diff takes, side by side in one run.

On a throwaway embedded PostgreSQL: database A holds the full schema, B is a
copy of it with a little drift (a policy dropped, a function changed, a
column and an index added, RLS disabled, a grant revoked). It times:

- catalogs: schema_tool reading both catalogs and comparing them (in process)
- cli:      `schema_tool diff --database-url B`, building the files' schema
            in a scratch database first (a new process, as a user runs it)
- migra:    the reference differ on the same pair, where it is installed
            (`--migra PATH`; it is not a dependency of this project)

Run: python bench/diff_speed.py [--repeat 5] [--migra /path/to/migra]
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

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from schema_tool import apply, diff, project, servers  # noqa: E402

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
    args = parser.parse_args()

    server = servers.throwaway_server(Path(tempfile.mkdtemp(prefix="st-bench-diff-")) / "data")
    base = server.get_uri()
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute("create database a")
    a_url, b_url = servers.url_with_database(base, "a"), servers.url_with_database(base, "b")
    with psycopg.connect(a_url, autocommit=True) as conn:
        apply.up(conn, project.load(ROOT), apply.ApplyOptions())
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute("create database b template a")
    with psycopg.connect(b_url, autocommit=True) as conn:
        for statement in DRIFT:
            conn.execute(statement)

    def catalogs():
        with psycopg.connect(a_url) as a, psycopg.connect(b_url) as b:
            report = diff.compare(diff.read_side(a), diff.read_side(b))
        assert report.modelled and report.sql(allow_destructive=True)[0]

    def cli():
        subprocess.run([sys.executable, "-m", "schema_tool", "diff", "--project", str(ROOT), "--database-url", b_url],
                       check=True, capture_output=True)

    rows = [("catalogs (read both, compare, SQL)", timed(catalogs, args.repeat)),
            ("cli: schema_tool diff incl. scratch build", timed(cli, args.repeat))]
    if args.migra:
        def migra():
            done = subprocess.run([args.migra, "--unsafe", "--with-privileges", "--schema", "public", a_url, b_url],
                                  capture_output=True, text=True)
            assert done.returncode == 2 and done.stdout.strip(), done.stderr  # 2: differences found
        rows.append(("migra (reference differ)", timed(migra, args.repeat)))
    server.cleanup()

    fastest = min(statistics.median(t) for _, t in rows)
    print(f"full schema ({len(project.load(ROOT).migrations)} migrations), {args.repeat} runs each")
    print(f"| {'what':44} | median s | min s | ratio |")
    print(f"|{'-' * 46}|----------|-------|-------|")
    for name, times in rows:
        median = statistics.median(times)
        print(f"| {name:44} | {median:8.3f} | {min(times):5.3f} | {median / fastest:5.1f} |")
    if not args.migra:
        print("migra: not installed (pip install migra psycopg2-binary 'psycopg[binary]' in another venv, "
              "then --migra PATH)")


if __name__ == "__main__":
    main()
