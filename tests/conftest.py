"""Fixtures: one throwaway PostgreSQL per test session (per xdist worker), the
schema applied once into a template database, and per-test databases or
rolled-back transactions on top of it.

SCHEMA_TOOL_TEST_DATABASE_URL points the suite at an existing server instead
(it creates and drops its own databases there).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

from schema_tool import apply, project, servers
from schema_tool.errors import ApplyFailed
from schema_tool.testing import Db
from tests import factories
from tests.toy import toy  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL_ENV = "SCHEMA_TOOL_TEST_DATABASE_URL"


class Server:
    """A PostgreSQL server on which the suite may create and drop databases."""

    def __init__(self, admin_url: str, pgdata: Path | None = None):
        self.admin_url = admin_url
        self.pgdata = pgdata  # only for the suite's own embedded server

    def url(self, database: str) -> str:
        return servers.url_with_database(self.admin_url, database)

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def create_database(self, prefix: str = "t", template: str | None = None) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self.admin() as conn:
            clause = f" template {template}" if template else ""
            conn.execute(f'create database "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    if os.environ.get(SERVER_URL_ENV):
        yield Server(os.environ[SERVER_URL_ENV])
        return
    # Short path: the server's Unix socket lives in the data directory.
    pgdata = Path(tempfile.mkdtemp(prefix="st-pg-")) / "data"
    handle = servers.throwaway_server(pgdata)
    with psycopg.connect(handle.get_uri(), autocommit=True) as conn:
        # Durability is not under test: skip fsync so database clones are cheap.
        conn.execute("alter system set fsync = off")
        conn.execute("alter system set synchronous_commit = off")
        conn.execute("alter system set full_page_writes = off")
        conn.execute("select pg_reload_conf()")
    yield Server(handle.get_uri(), pgdata)
    handle.cleanup()


@pytest.fixture(scope="session")
def schema_project() -> project.Project:
    return project.load(ROOT)


@pytest.fixture(scope="session")
def template_database(server: Server, schema_project: project.Project) -> str:
    """A database holding the whole schema, used only as a template for clones."""
    name = server.create_database("template")
    with psycopg.connect(server.url(name), autocommit=True) as conn:
        try:
            apply.up(conn, schema_project, apply.ApplyOptions())
        except ApplyFailed as failure:
            pytest.fail(f"the schema does not apply: {failure}", pytrace=False)
    return name


@pytest.fixture(scope="session")
def shared_database(server: Server, template_database: str) -> str:
    """One clone of the template for tests that roll back everything they do."""
    return server.create_database("shared", template=template_database)


@pytest.fixture(scope="session")
def shared_connection(server: Server, shared_database: str):
    with psycopg.connect(server.url(shared_database), autocommit=True) as conn:
        yield conn


@pytest.fixture
def db(shared_connection: psycopg.Connection) -> Db:
    """The migrated schema inside a transaction rolled back after the test."""
    with shared_connection.transaction(force_rollback=True):
        yield Db(shared_connection, factories.makers())


@pytest.fixture
def migrated_url(server: Server, template_database: str) -> str:
    """A private clone of the migrated schema, for tests that commit; dropped afterwards."""
    name = server.create_database("migrated", template=template_database)
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def empty_url(server: Server) -> str:
    """An empty database, dropped afterwards."""
    name = server.create_database("empty")
    yield server.url(name)
    server.drop_database(name)
