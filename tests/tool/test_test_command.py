"""`schema_tool test`: runs the suites on the chosen backend and cleans up after itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from schema_tool.pytest_plugin import PREFIX_ENV
from tests.toy import ROOT, cli, query


def databases(url: str, prefix: str) -> set[str]:
    return {name for (name,) in query(url, "select datname from pg_database where datname like %s", (prefix + "%",))}


def test_existing_server_gets_its_databases_dropped_afterwards(server):
    prefix = f"run{uuid.uuid4().hex[:6]}_"
    seen = cli("test", "--database-url", server.admin_url, "--project", str(ROOT),
               "tests/tool/test_test_command.py::test_the_child_run_leaves_its_databases_while_it_runs",
               "-p", "no:xdist", "-q", env={PREFIX_ENV: prefix, "EXPECTED_PREFIX": prefix})
    assert seen.code == 0, seen.out + seen.err
    assert "1 passed" in seen.out
    assert "schema_tool test: passed in" in seen.out
    assert databases(server.admin_url, prefix) == set()


def test_the_child_run_leaves_its_databases_while_it_runs(server, template_database):
    """Run as the child of the test above: its databases exist while the suite runs."""
    expected = os.environ.get("EXPECTED_PREFIX")
    if not expected:
        pytest.skip("runs only as the child of test_existing_server_gets_its_databases_dropped_afterwards")
    assert template_database.startswith(expected)
    assert template_database in databases(server.admin_url, expected)


def test_a_failing_suite_fails_the_command(server):
    result = cli("test", "--database-url", server.admin_url, "--project", str(ROOT),
                 "tests/tool/test_sqlsplit.py", "-k", "no_test_has_this_name", "-p", "no:xdist")
    assert result.code != 0


def test_docker_backend_without_an_engine_is_a_usage_error():
    result = cli("test", "--backend", "docker", "--project", str(ROOT), "tests/tool/test_sqlsplit.py",
                 "-p", "no:xdist")
    if result.code == 0:
        return  # a Docker engine answers on this machine: the suite ran in a container
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "Docker engine" in result.err


def test_killing_the_command_stops_the_throwaway_server(tmp_path):
    marker = tmp_path / "postmaster.pid"
    command = [sys.executable, "-m", "schema_tool", "test", "--project", str(ROOT),
               "tests/tool/test_test_command.py::test_the_child_waits_to_be_killed", "-p", "no:xdist", "-q"]
    # started with SIGINT ignored, as a script's background job (`cmd &` in a non-interactive shell) is:
    # the command must still get its child to stop
    run = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "KILL_MARKER": str(marker)},
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=ignoring_sigint)
    try:
        deadline = time.monotonic() + 600  # only a guard against a hang: the child builds its template first
        while not marker.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), run.communicate(timeout=60)[0] if run.poll() is not None else "no marker"
        postmaster = int(marker.read_text().split()[0])
        assert alive(postmaster)

        run.send_signal(signal.SIGTERM)
        output = run.communicate(timeout=300)[0]
    finally:
        if run.poll() is None:
            run.kill()

    assert run.returncode != 0, output
    assert not alive(postmaster), f"the throwaway server {postmaster} still runs:\n{output}"


def ignoring_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_the_child_waits_to_be_killed(db):
    """Run as the child of the test above: says where its server is, then waits to be killed."""
    marker = os.environ.get("KILL_MARKER")
    if not marker:
        pytest.skip("runs only as the child of test_killing_the_command_stops_the_throwaway_server")
    data_directory = db.execute("select current_setting('data_directory') as d").fetchone()["d"]
    Path(marker).write_text((Path(data_directory) / "postmaster.pid").read_text())
    time.sleep(600)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is not a running server
        return stat.read().split()[2] != "Z"
