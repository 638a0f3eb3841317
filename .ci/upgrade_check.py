"""The upgrade check: a database built from the base revision's files and upgraded with this revision's
must equal a fresh build of this revision. It is what production goes through, and what `up` followed by
`diff --check` on one database cannot see (both sides come from the same files there).

    .venv/bin/python .ci/upgrade_check.py [BASE] [--repo DIR] [--server-url URL]

BASE is a git revision; by default the merge base with origin/main, or the parent commit when that is
this commit. Exit 0 when the upgraded database has no drift, 1 when it has (the diff is printed), 2 when
a step fails. Runs on the repository's embedded server (or the server of --server-url), in a database of
its own that it drops afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import traceback
from io import BytesIO
from pathlib import Path

import psycopg

from schema_tool import servers

ROOT = Path(__file__).resolve().parents[1]
DATABASE = f"schema_tool_upgrade_check_{os.getpid()}"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def base_revision(repo: Path, given: str | None) -> str | None:
    if given:
        return git(repo, "rev-parse", "--verify", given)
    head = git(repo, "rev-parse", "HEAD")
    try:
        base = git(repo, "merge-base", "HEAD", "origin/main")
    except subprocess.CalledProcessError:
        base = head
    if base != head:
        return base
    try:
        return git(repo, "rev-parse", "--verify", "HEAD~1")
    except subprocess.CalledProcessError:
        return None


def base_project(repo: Path, revision: str, into: Path) -> Path:
    """The revision's sql/ folder, unpacked into `into`."""
    archive = subprocess.run(["git", "archive", revision, "sql"], cwd=repo, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def schema_tool(*args: str) -> int:
    """`schema_tool ARGS` run in this process (its output is this script's), and its exit code."""
    from schema_tool.cli import app

    try:
        app(list(args), prog_name="schema_tool")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception:  # exits 1 with its traceback, as the command in a process of its own would
        traceback.print_exc()
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", nargs="?")
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--server-url")
    args = parser.parse_args()
    repo = args.repo.resolve()
    revision = base_revision(repo, args.base)
    if revision is None:
        print("upgrade check: no base revision to upgrade from; nothing to check")
        return 0
    server_url = args.server_url or servers.EmbeddedServer(repo).start().url()
    url = servers.url_with_database(server_url, DATABASE)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {DATABASE} with (force)")
        admin.execute(f"create database {DATABASE}")
    try:
        with tempfile.TemporaryDirectory(prefix="st-upgrade-") as folder:
            base = base_project(repo, revision, Path(folder))
            print(f"upgrade check: building {revision[:12]}'s schema, then upgrading it to the working tree",
                  flush=True)
            steps = [("up", "--project", str(base), "--database-url", url, "--yes"),
                     ("up", "--project", str(repo), "--database-url", url, "--yes"),
                     ("diff", "--check", "--project", str(repo), "--database-url", url)]
            for step in steps:
                code = schema_tool(*step)
                if code != 0:
                    print(f"upgrade check: `schema_tool {' '.join(step[:3])}` failed (exit {code})")
                    return 1 if step[0] == "diff" and code == 1 else 2
        print("upgrade check: the upgraded database equals a fresh build")
        return 0
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {DATABASE} with (force)")


if __name__ == "__main__":
    sys.exit(main())
