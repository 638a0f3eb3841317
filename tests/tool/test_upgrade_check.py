"""The upgrade check of CI (.ci/upgrade_check.py): the base revision's schema upgraded with the change's
files must equal a fresh build of the change; it fails where the two differ."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from schema_tool import servers
from tests.toy import ROOT

TABLE = "-- A table.\n\ncreate table public.a (id int primary key);\n"
ANSWER = ("-- The answer.\n\n"
          "create or replace function public.answer() returns int language sql stable as $$ select {n} $$;\n")


def commit(repo: Path, message: str) -> None:
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def upgrade_check(repo: Path, server_url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / ".ci" / "upgrade_check.py"), "--repo", str(repo),
                           "--server-url", server_url], capture_output=True, text=True, timeout=600)


def base_repository(toy) -> Path:
    subprocess.run(["git", "init", "-q", str(toy.root)], check=True)
    toy.write("migrations/0001_a.sql", TABLE)
    toy.write("functions/answer.sql", ANSWER.format(n=41))
    commit(toy.root, "base")
    return toy.root


def test_a_change_that_upgrades_to_what_a_fresh_build_gives_passes(toy, empty_url):
    repo = base_repository(toy)
    toy.write("migrations/0002_b.sql", "-- Table b.\n\ncreate table public.b (id int primary key);\n")
    toy.write("functions/answer.sql", ANSWER.format(n=42))
    commit(repo, "change")

    done = upgrade_check(repo, servers.url_with_database(empty_url, "postgres"))

    assert done.returncode == 0, done.stdout + done.stderr
    assert "the upgraded database equals a fresh build" in done.stdout


def test_a_deleted_function_file_leaves_the_function_in_upgraded_databases_and_fails(toy, empty_url):
    repo = base_repository(toy)
    toy.remove("functions/answer.sql")
    commit(repo, "change")

    done = upgrade_check(repo, servers.url_with_database(empty_url, "postgres"))

    assert done.returncode == 1, done.stdout + done.stderr
    assert "answer" in done.stdout
    assert "`schema_tool diff --check" in done.stdout
