"""The project's fixtures, on top of the schema_tool pytest plugin (see
schema_tool/pytest_plugin.py): one throwaway PostgreSQL per session (per
xdist worker), the schema applied once into a template database, and
per-test clones or rolled-back transactions on top of it.
"""

from __future__ import annotations

import psycopg
import pytest

from schema_tool.pytest_plugin import Server
from schema_tool.testing import Db
from tests import factories
from tests.toy import toy  # noqa: F401  (fixture)


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
