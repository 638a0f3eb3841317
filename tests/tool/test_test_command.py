"""`schema_tool test`: runs the suites on the chosen backend and cleans up after itself."""

from __future__ import annotations

import os
import uuid

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
