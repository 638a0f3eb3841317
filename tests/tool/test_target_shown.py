"""Every command says which database it works on; `up` on a terminal asks before changing any
database but the embedded one, so a stray DATABASE_URL cannot send it somewhere unexpected."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from tests.toy import ROOT, cli, query

TABLE_A = "create table public.a (id int primary key);\n"


def on_terminal(args: list[str], answer: str) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdin and stderr; answer its question."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "schema_tool", *args], cwd=ROOT, stdin=terminal,
                               stdout=subprocess.PIPE, stderr=terminal, env={"PATH": "/usr/bin:/bin"})
    os.close(terminal)
    seen, answered, deadline = b"", False, time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                seen += os.read(controller, 4096)
            except OSError:
                break
        if not answered and b"Continue?" in seen:
            os.write(controller, answer.encode() + b"\n")
            answered = True
    process.wait(timeout=600)
    os.close(controller)
    return process.returncode, seen.decode(errors="replace")


def test_up_on_a_terminal_names_the_target_and_stops_unless_confirmed(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    database = query(empty_url, "select current_database()")[0][0]

    code, shown = on_terminal(["up", "--project", str(toy.root), "--database-url", empty_url], "n")

    assert code == 1
    assert f"schema_tool up will change database '{database}' on the socket in" in shown
    assert "as user 'postgres' (PostgreSQL 18" in shown and "not confirmed" in shown
    assert query(empty_url, "select to_regclass('public.a') is null") == [(True,)]

    code, _ = on_terminal(["up", "--project", str(toy.root), "--database-url", empty_url], "y")
    assert code == 0
    assert query(empty_url, "select to_regclass('public.a') is not null") == [(True,)]


def test_up_with_yes_or_without_a_terminal_does_not_ask(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    code, shown = on_terminal(["up", "--yes", "--project", str(toy.root), "--database-url", empty_url], "n")
    assert code == 0 and "Continue?" not in shown


def test_lint_says_which_database_it_reads_and_that_database_url_is_not_it(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A + "alter table public.a enable row level security;\n")
    result = cli("lint", "--only", "catalog", "--scratch-server", empty_url, project=toy,
                 env={"DATABASE_URL": empty_url})
    assert "reading the SQL files' schema, built in a scratch database on" in result.err
    assert "note: DATABASE_URL is set, but this command reads the SQL files' schema" in result.err

    live = cli("lint", "--only", "catalog", project=toy, url=empty_url)
    assert "reading the live database" in live.err and "note:" not in live.err
