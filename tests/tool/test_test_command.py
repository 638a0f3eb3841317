"""`schema_tool test`: runs the suites on the chosen backend and cleans up after itself."""

from __future__ import annotations

from tests.toy import ROOT, cli, query


def databases(url: str) -> set[str]:
    return {name for (name,) in query(url, "select datname from pg_database")}


def test_existing_server_gets_its_databases_dropped_afterwards(server):
    before = databases(server.admin_url)
    result = cli("test", "--database-url", server.admin_url, "--project", str(ROOT),
                 "tests/tool/test_apply.py::test_up_applies_every_layer_in_order", "-p", "no:xdist", "-q",
                 timeout=120)
    assert result.code == 0, result.out + result.err
    assert "1 passed" in result.out
    assert "schema_tool test: passed in" in result.out
    assert databases(server.admin_url) == before


def test_a_failing_suite_fails_the_command(server):
    result = cli("test", "--database-url", server.admin_url, "--project", str(ROOT),
                 "tests/tool/test_sqlsplit.py", "-k", "no_test_has_this_name", "-p", "no:xdist", timeout=60)
    assert result.code != 0


def test_docker_backend_without_an_engine_is_a_usage_error():
    result = cli("test", "--backend", "docker", "--project", str(ROOT), "tests/tool/test_sqlsplit.py",
                 "-p", "no:xdist", timeout=600)
    if result.code == 0:
        return  # a Docker engine answers on this machine: the suite ran in a container
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "Docker engine" in result.err
