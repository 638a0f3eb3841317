"""Bad connection input: one line, exit 2, no traceback, never the password."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.toy import cli, execute

SECRET = "s3cret-Pa55"


def assert_clean_failure(result, *expected: str):
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert SECRET not in result.err + result.out
    assert len(result.err.strip().splitlines()) == 1, result.err
    for text in expected:
        assert text in result.err


def test_unreachable_host(toy):
    result = cli("up", project=toy, url=f"postgresql://app:{SECRET}@127.0.0.1:1/app")
    assert_clean_failure(result, "cannot connect to postgresql://app:***@127.0.0.1:1/app")


def test_malformed_url(toy):
    result = cli("status", project=toy, url=f"postgresql://app:{SECRET}@localhost:notaport/app")
    assert_clean_failure(result, "malformed database URL")


def test_wrong_password(toy, server):
    if server.pgdata is None:
        pytest.skip("needs the suite's own server to require a password")
    role = f"pw_{uuid.uuid4().hex[:8]}"
    execute(server.admin_url, f"create role {role} login password 'right-password'")
    hba = server.pgdata / "pg_hba.conf"
    hba.write_text(f"local all {role} scram-sha-256\n" + hba.read_text())
    execute(server.admin_url, "select pg_reload_conf()")
    socket = psycopg.conninfo.conninfo_to_dict(server.admin_url)  # the socket in the data directory
    result = cli("status", project=toy, url=f"postgresql://{role}:{SECRET}@/postgres?host={socket['host']}"
                                            f"&port={socket.get('port') or 5432}")
    assert_clean_failure(result, "password authentication failed")
