"""The project's fixtures, on top of the schema_tool pytest plugin (see
schema_tool/pytest_plugin.py): one throwaway PostgreSQL per session (per
xdist worker), the schema applied once into a template database, and
per-test clones or rolled-back transactions on top of it.
"""

from __future__ import annotations

import psycopg
import pytest

from schema_tool import apply, project
from schema_tool.pytest_plugin import Server
from schema_tool.testing import Db
from tests import factories
from tests.pg15 import pg15_cron_url, pg15_url  # noqa: F401  (fixtures: one PostgreSQL 15 for the session)
from tests.toy import ROOT, toy  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def databases_dropped_after_each_test(request):
    """The databases a test creates (the sides of a diff, private clones) are dropped after it, not
    left to the session's end: a worker would otherwise keep hundreds of clones on its server."""
    if "schema_server" not in request.fixturenames:
        yield
        return
    server: Server = request.getfixturevalue("schema_server")
    before = set(server.created)
    yield
    for name in [n for n in server.created if n not in before]:
        server.drop_database(name)


@pytest.fixture(scope="session")
def server(schema_server: Server) -> Server:
    return schema_server


@pytest.fixture(scope="session")
def template_database(schema_template: str) -> str:
    return schema_template


@pytest.fixture
def db(schema_shared_connection: psycopg.Connection) -> Db:
    """The migrated schema inside a transaction rolled back after the test, with the row factories."""
    with schema_shared_connection.transaction(force_rollback=True):
        yield Db(schema_shared_connection, factories.makers())


@pytest.fixture
def migrated_url(schema_database_url: str) -> str:
    """A private clone of the migrated schema, for tests that commit; dropped afterwards."""
    return schema_database_url


@pytest.fixture
def empty_url(server: Server) -> str:
    """An empty database, dropped afterwards."""
    name = server.create_database("empty")
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture(scope="session")
def bootstrapped(server, tmp_path_factory) -> str:
    """A database with only the bootstrap layer (roles, auth, storage, vector): a template, never used directly."""
    folder = tmp_path_factory.mktemp("bootstrap-only")
    (folder / "sql").mkdir()
    (folder / "sql" / "bootstrap").symlink_to(ROOT / "sql" / "bootstrap")
    name = server.create_database("bootstrapped")
    with psycopg.connect(server.url(name), autocommit=True) as conn:
        apply.up(conn, project.load(folder), apply.ApplyOptions())
    return name


@pytest.fixture(scope="session")
def bootstrapped_connection(server: Server, bootstrapped: str):
    """One clone of `bootstrapped`, shared by tests that roll back everything they do."""
    name = server.create_database("bootstrapped_shared", template=bootstrapped)
    with psycopg.connect(server.url(name), autocommit=True) as conn:
        yield conn


@pytest.fixture
def bootstrapped_db(bootstrapped_connection: psycopg.Connection) -> psycopg.Connection:
    """The bootstrap layer alone, inside a transaction rolled back after the test."""
    with bootstrapped_connection.transaction(force_rollback=True):
        yield bootstrapped_connection
