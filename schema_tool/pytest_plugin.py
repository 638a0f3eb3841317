"""pytest plugin: a disposable PostgreSQL with the schema applied, for this
project's suites and for downstream application projects.

Registered through the `pytest11` entry point, so installing the package
makes these fixtures available:

- `schema_server`: the server for the session. By default a throwaway
  embedded PostgreSQL (data in a temporary directory, deleted at the end);
  `--schema-backend docker` starts a pgvector container through
  testcontainers; `--schema-database-url URL` (or
  SCHEMA_TOOL_TEST_DATABASE_URL) uses an existing server, where the suite
  creates its databases and drops them at the end.
- `schema_template`: a database holding the whole schema, applied once per
  session; clones are made from it with CREATE DATABASE ... TEMPLATE.
- `schema_db`: a `schema_tool.testing.Db` on a clone, inside a transaction
  rolled back after the test, with `as_user(uid)`, `as_anon()`,
  `as_service_role()`, `new_user()` and `insert()`.
- `schema_database_url`: the URL of a private clone for a test that commits;
  dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

from schema_tool import apply, project, servers
from schema_tool.errors import ApplyFailed
from schema_tool.suite import BACKEND_ENV, URL_ENV
from schema_tool.testing import Db

# Names the suite's databases start with, so that runs sharing a server tell theirs apart.
PREFIX_ENV = "SCHEMA_TOOL_TEST_DATABASE_PREFIX"
DOCKER_IMAGE = "pgvector/pgvector:pg17"


def pytest_addoption(parser):
    group = parser.getgroup("schema_tool")
    group.addoption("--schema-backend", choices=("embedded", "docker", "url"), default=None,
                    help="Where the test server comes from (default: embedded, or url when a URL is given).")
    group.addoption("--schema-database-url", default=None,
                    help=f"An existing server to create the test databases on (or ${URL_ENV}).")
    group.addoption("--schema-project", default=None, help="Project folder holding sql/ (default: found from rootdir).")


class Server:
    """A PostgreSQL server on which the suite creates (and drops) its databases."""

    def __init__(self, admin_url: str, pgdata: Path | None = None):
        self.admin_url = admin_url
        self.pgdata = pgdata  # set only for a throwaway embedded server
        self.created: list[str] = []

    def url(self, database: str) -> str:
        return servers.url_with_database(self.admin_url, database)

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def create_database(self, prefix: str = "t", template: str | None = None) -> str:
        name = f"{os.environ.get(PREFIX_ENV, '')}{prefix}_{uuid.uuid4().hex[:10]}"
        with self.admin() as conn:
            clause = f' template "{template}"' if template else ""
            conn.execute(f'create database "{name}"{clause}')
        self.created.append(name)
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        for name in reversed(list(self.created)):
            self.drop_database(name)


def _backend(config) -> tuple[str, str | None]:
    url = config.getoption("--schema-database-url") or os.environ.get(URL_ENV)
    backend = config.getoption("--schema-backend") or os.environ.get(BACKEND_ENV) or ("url" if url else "embedded")
    if backend == "url" and not url:
        raise pytest.UsageError(f"--schema-backend url needs --schema-database-url or ${URL_ENV}")
    return backend, url


@pytest.fixture(scope="session")
def schema_server(pytestconfig):
    backend, url = _backend(pytestconfig)
    if backend == "url":
        server = Server(url)
        yield server
        server.drop_all()
    elif backend == "docker":
        yield from _docker_server()
    else:
        yield from _embedded_server()


def _embedded_server():
    # A short path: the server's Unix socket lives in its data directory.
    parent = Path(tempfile.mkdtemp(prefix="st-pg-"))
    handle = servers.throwaway_server(parent / "data")
    with psycopg.connect(handle.get_uri(), autocommit=True) as conn:
        # Durability is not under test: without fsync, database clones are cheap.
        for setting in ("fsync = off", "synchronous_commit = off", "full_page_writes = off"):
            conn.execute(f"alter system set {setting}")
        conn.execute("select pg_reload_conf()")
    try:
        yield Server(handle.get_uri(), parent / "data")
    finally:
        handle.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def _docker_server():
    from testcontainers.postgres import PostgresContainer

    with PostgresContainer(DOCKER_IMAGE, driver=None) as container:
        yield Server(container.get_connection_url())


@pytest.fixture(scope="session")
def schema_project(pytestconfig) -> project.Project:
    chosen = pytestconfig.getoption("--schema-project")
    root = Path(chosen).resolve() if chosen else project.find_root(Path(str(pytestconfig.rootpath)))
    return project.load(root)


@pytest.fixture(scope="session")
def schema_template(schema_server: Server, schema_project: project.Project) -> str:
    """The name of a database holding the whole schema; only cloned, never used directly."""
    name = schema_server.create_database("template")
    with psycopg.connect(schema_server.url(name), autocommit=True) as conn:
        try:
            apply.up(conn, schema_project, apply.ApplyOptions())
        except ApplyFailed as failure:
            pytest.fail(f"the schema does not apply: {failure}", pytrace=False)
    return name


@pytest.fixture(scope="session")
def schema_shared_connection(schema_server: Server, schema_template: str):
    """One clone of the template, shared by tests that roll back everything they do."""
    name = schema_server.create_database("shared", template=schema_template)
    with psycopg.connect(schema_server.url(name), autocommit=True) as conn:
        yield conn


@pytest.fixture
def schema_db(schema_shared_connection: psycopg.Connection) -> Db:
    with schema_shared_connection.transaction(force_rollback=True):
        yield Db(schema_shared_connection)


@pytest.fixture
def schema_database_url(schema_server: Server, schema_template: str) -> str:
    name = schema_server.create_database("migrated", template=schema_template)
    yield schema_server.url(name)
    schema_server.drop_database(name)
