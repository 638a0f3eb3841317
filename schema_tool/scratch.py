"""The schema the SQL files define, built in a scratch database.

The scratch database is created on the same server (dropped afterwards);
where the user may not create databases, on a throwaway embedded server.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from schema_tool import apply, servers
from schema_tool.errors import ApplyFailed
from schema_tool.project import Project


@contextmanager
def scratch_database(server_url: str, project: Project) -> Iterator[str]:
    """Yield the URL of a database holding the files' whole schema; it is dropped afterwards."""
    name = f"schema_tool_scratch_{uuid.uuid4().hex[:12]}"
    try:
        with servers.connect(server_url) as admin:
            admin.execute(f'create database "{name}"')
    except psycopg.errors.InsufficientPrivilege:
        with _throwaway_server() as admin_url:
            with scratch_database(admin_url, project) as url:
                yield url
        return
    url = servers.url_with_database(server_url, name)
    try:
        with servers.connect(url) as conn:
            try:
                apply.up(conn, project, apply.ApplyOptions())
            except ApplyFailed as failure:
                failure.in_scratch = True
                raise
        yield url
    finally:
        with servers.connect(server_url) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')


@contextmanager
def database_to_read(root: Path, project: Project, database_url: str | None,
                     scratch_server: str | None, *, build_files: bool = False) -> Iterator[tuple[str, str]]:
    """The database lint, docs and the diff read, and how to tell the user which it is: the live
    database when one is given (unless `build_files`: the diff's other side), else the files' schema
    built in a scratch database on `scratch_server`, or the live database's server, or the embedded
    server."""
    if database_url and not build_files:
        yield database_url, f"the live database {servers.redact(database_url)}"
        return
    server_url = scratch_server or database_url or servers.EmbeddedServer(root).start().url()
    with scratch_database(server_url, project) as url:
        yield url, f"the SQL files' schema, built in a scratch database on {servers.redact(server_url)}"


@contextmanager
def _throwaway_server() -> Iterator[str]:
    parent = Path(tempfile.mkdtemp(prefix="st-scratch-"))
    handle = servers.throwaway_server(parent / "data")
    try:
        yield handle.get_uri()
    finally:
        handle.cleanup()
        shutil.rmtree(parent, ignore_errors=True)
