"""A PostgreSQL 15 cluster from Debian's postgresql-15 package, one for the session (per test worker;
tests/conftest.py registers the fixtures): an older server for what differs between versions
(`pg15_url`), and with Debian's postgresql-15-cron the real pg_cron, which the embedded server lacks
(`pg15_cron_url`). Each skips with the reason where what it needs is absent."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pwd
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from schema_tool import project
from schema_tool.pytest_plugin import throwaway_folder

PG15_BIN = Path("/usr/lib/postgresql/15/bin")
PG_CRON_LIB = Path("/usr/lib/postgresql/15/lib/pg_cron.so")
PG_CRON_CONTROL = Path("/usr/share/postgresql/15/extension/pg_cron.control")
ROOT = Path(__file__).resolve().parents[1]
# The bootstrap's vector block, removed for a server without pgvector.
VECTOR_BLOCK = re.compile(
    r"\n[ \t]*if not exists \(select from pg_catalog\.pg_extension where extname = 'vector'\) then\n"
    r"[ \t]*create extension vector with schema extensions;\n[ \t]*end if;")


def _os_user() -> str | None:
    """The user to run PostgreSQL as: ourselves, or when root a system user (initdb refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "embedded_postgres"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    pytest.skip("running as root and no postgres/embedded_postgres system user to run PostgreSQL 15 as")


def _run(argv: list[str], user: str | None) -> None:
    if user:
        argv = ["runuser", "-u", user, "--", *argv]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _has_pg_cron() -> bool:
    return PG_CRON_LIB.exists() and PG_CRON_CONTROL.exists()


@pytest.fixture(scope="session")
def pg15_url():
    """A PostgreSQL 15 cluster, preloading pg_cron (cron.database_name = postgres) where it is installed;
    its URL."""
    if not (PG15_BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15 not installed: apt-get install postgresql-15")
    user = _os_user()
    base = throwaway_folder("pg15-")
    data = base / "data"
    port = _free_port()
    if user:
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    _run([str(PG15_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"], user)
    options = f"-c listen_addresses='' -c unix_socket_directories='{base}' -c port={port} -c fsync=off"
    if _has_pg_cron():
        options += f" -c shared_preload_libraries=pg_cron -c cron.database_name=postgres -c cron.host='{base}'"
    _run([str(PG15_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-o", options, "-w",
          "start"], user)
    try:
        yield f"postgresql://postgres@/postgres?host={base}&port={port}"
    finally:
        _run([str(PG15_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], user)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg15_cron_url(pg15_url):
    """The PostgreSQL 15 cluster with pg_cron preloaded; skips where postgresql-15-cron is absent."""
    if not _has_pg_cron():
        pytest.skip("pg_cron for PostgreSQL 15 not installed: apt-get install postgresql-15-cron")
    return pg15_url


def with_text(f: project.SqlFile, text: str) -> project.SqlFile:
    return dataclasses.replace(f, text=text, checksum=hashlib.sha256(text.encode()).hexdigest())


def bootstrap_without_vector() -> tuple[project.SqlFile, ...]:
    """The real bootstrap layer minus the vector extension, which PostgreSQL 15 here lacks."""
    files = []
    for f in project.load(ROOT).layer("bootstrap"):
        if VECTOR_BLOCK.search(f.text):
            f = with_text(f, VECTOR_BLOCK.sub("", f.text, count=1))
        files.append(f)
    assert "create extension vector" not in "".join(f.text for f in files), "the vector block changed shape"
    return tuple(files)
