"""The schema the SQL files define, built in a scratch database.

The scratch database is created on the same server (dropped afterwards);
where the user may not create databases, on a throwaway embedded server.
When it stands for a live database that a platform set up (a Supabase
project), it first gets what that platform gives every project's database
(PLATFORM_RULE), so that a diff reports only what the project did.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from schema_tool import apply, servers
from schema_tool.errors import ApplyFailed, UsageError
from schema_tool.project import Project

# PLATFORM_RULE. A live database is a Supabase project when its schema `auth` belongs to one of the
# platform's roles (supabase_admin, supabase_auth_admin...); the bootstrap's stand-in belongs to the
# role that applied it. Supabase's initial schema, run as postgres, grants usage on schema public to
# postgres, anon, authenticated and service_role, and makes every new table, function and sequence
# that postgres creates in public theirs too (default privileges). Those grants, and only those, are
# the platform's: the scratch database gets them before the files run, so they never show as drift,
# while any change the project made to them still does. Defaults the supabase_* roles hold are left
# alone by the comparison itself (diff/compare.py, PLATFORM_ROLES).
SUPABASE_SHAPED = """
select exists (
    select
    from pg_catalog.pg_namespace as n
    join pg_catalog.pg_roles as r on r.oid = n.nspowner
    where n.nspname = 'auth' and r.rolname like 'supabase\\_%'
)
"""
SUPABASE_GRANTEES = "postgres, anon, authenticated, service_role"
# They name the API roles, which the project's bootstrap creates where a server lacks them (a
# throwaway scratch server): the bootstrap layer runs before them.
SUPABASE_GRANTS = (
    f"grant usage on schema public to {SUPABASE_GRANTEES}",
    *(f"alter default privileges for role postgres in schema public grant all on {kind} to {SUPABASE_GRANTEES}"
      for kind in ("tables", "functions", "sequences")),
)


def platform_grants(live: psycopg.Connection) -> tuple[str, ...]:
    """The statements that give a scratch database what the live database's platform gave it (see
    PLATFORM_RULE): Supabase's grants for a Supabase project, nothing otherwise."""
    return SUPABASE_GRANTS if live.execute(SUPABASE_SHAPED).fetchone()[0] else ()


@contextmanager
def scratch_database(server_url: str, project: Project, platform: tuple[str, ...] = ()) -> Iterator[str]:
    """Yield the URL of a database holding the files' whole schema, built after the `platform`
    statements (platform_grants); it is dropped afterwards."""
    name = f"schema_tool_scratch_{uuid.uuid4().hex[:12]}"
    try:
        with servers.connect(server_url) as admin:
            admin.execute(f'create database "{name}"')
    except psycopg.errors.InsufficientPrivilege:
        with _throwaway_server() as admin_url:
            with scratch_database(admin_url, project, platform) as url:
                yield url
        return
    url = servers.url_with_database(server_url, name)
    try:
        with servers.connect(url) as conn:
            try:
                _give_platform(conn, project, platform)
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
                     scratch_server: str | None, *, build_files: bool = False,
                     platform: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """The database lint, docs and the diff read, and how to tell the user which it is: the live
    database when one is given (unless `build_files`: the diff's other side), else the files' schema
    built in a scratch database on `scratch_server`, or the live database's server, or the embedded
    server."""
    if database_url and not build_files:
        yield database_url, f"the live database {servers.redact(database_url)}"
        return
    server_url = scratch_server or database_url or servers.EmbeddedServer(root).start().url()
    with scratch_database(server_url, project, platform) as url:
        yield url, f"the SQL files' schema, built in a scratch database on {servers.redact(server_url)}"


def throwaway_major() -> int:
    """The major version of the throwaway server a role that may not create databases gets: the
    embedded PostgreSQL's (asked of its pg_config, without starting it)."""
    done = subprocess.run([str(servers.server_bin_dir() / "pg_config"), "--version"], capture_output=True,
                          text=True, timeout=30, check=True)
    return int(re.search(r"PostgreSQL (\d+)", done.stdout).group(1))


def may_create_databases(conn: psycopg.Connection) -> bool:
    return conn.execute("select rolsuper or rolcreatedb from pg_catalog.pg_roles "
                        "where rolname = current_user").fetchone()[0]


def _give_platform(conn: psycopg.Connection, project: Project, statements: tuple[str, ...]) -> None:
    if not statements:
        return
    apply.up(conn, Project(project.root, tuple(project.layer("bootstrap"))), apply.ApplyOptions())
    try:
        with conn.transaction():
            for statement in statements:
                conn.execute(statement)
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedObject) as failure:
        raise UsageError(f"the scratch database cannot get the Supabase platform's grants: "
                         f"{' '.join(str(failure).split())}; build it as postgres (or a superuser), or pass "
                         "--scratch-server with a server that has Supabase's roles") from None


@contextmanager
def _throwaway_server() -> Iterator[str]:
    parent = Path(tempfile.mkdtemp(prefix="st-scratch-"))
    handle = servers.throwaway_server(parent / "data")
    try:
        yield handle.get_uri()
    finally:
        handle.cleanup()
        shutil.rmtree(parent, ignore_errors=True)
