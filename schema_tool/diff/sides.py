"""The two sides of a diff: a live database, and the schema the SQL files define (built in a scratch
database), read into catalogs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from schema_tool.catalog import Catalog, CronJob, read_all
from schema_tool.catalog.platform import PLATFORM_SCHEMAS
from schema_tool.diff.compare import compare
from schema_tool.diff.explain import SIDES
from schema_tool.diff.model import DiffReport

LIVE, FILES = "the live database", "the SQL files"


def cron_jobs_of_files(project) -> list[CronJob]:
    """The jobs the cron layer's files schedule, for a side built where pg_cron is absent."""
    jobs = [CronJob(name, schedule, command, True) for f in project.layer("cron")
            for name, schedule, command in f.cron_jobs]
    return sorted(jobs, key=lambda j: j.name)


def read_side(conn, project=None, *, built_from_files: bool = False, include: tuple[str, ...] = ()) -> Catalog:
    """The catalog of one side, platform schemas left out except those in `include`. Where pg_cron is
    absent, a side built from the files expects the cron layer's jobs, and a live side's jobs are
    unknown (None: not compared)."""
    found = read_all(conn, excluded=tuple(s for s in PLATFORM_SCHEMAS if s not in include))
    if not found.present("cron_jobs") and built_from_files and project is not None:
        found.rows["cron_jobs"] = cron_jobs_of_files(project)
    return found


def major_version(conn) -> int:
    return int(conn.execute("select current_setting('server_version_num')").fetchone()[0]) // 10000


def refuse_other_major(live: int, scratch: int) -> None:
    """Views, functions, policies, defaults and checks are compared as the server prints them, and
    each major version prints some of them differently: the files' schema must be built on a server
    of the live one's major version, or the diff would report drift that is not there."""
    from schema_tool.errors import UsageError

    if live != scratch:
        raise UsageError(f"the live database runs PostgreSQL {live} and the scratch database PostgreSQL {scratch}: "
                         f"definitions would differ only in how each version prints them; pass --scratch-server "
                         f"with a PostgreSQL {live} server (a role with CREATEDB builds it on the live server)")


@dataclass
class DiffRun:
    first: str  # what the first side is, for people (a redacted URL, or where the files' schema was built)
    second: str
    report: DiffReport
    source: Catalog
    target: Catalog
    sides: tuple[str, str] = SIDES  # the two sides in short, for the report's words


def run(project, *, database_url: str | None, from_url: str | None, to_url: str | None,
        scratch_server: str | None, reverse: bool = False, include: tuple[str, ...] = ()) -> DiffRun:
    """Diff two databases, or the live one against the files' schema (reverse: files against live);
    `include`: platform schemas to compare as well. Where the files' schema is built on the live
    database's server, a required extension this role could not create there stops it first."""
    from schema_tool import servers
    from schema_tool.errors import UsageError

    for schema in include:
        if schema not in PLATFORM_SCHEMAS:
            raise UsageError(f"--include-schema {schema}: compared already; the schemas left out are "
                             f"{', '.join(PLATFORM_SCHEMAS)}")

    def read_url(url: str, **options) -> Catalog:
        with servers.connect(url) as conn:
            return read_side(conn, project, include=include, **options)

    # the two sides are read side by side: the server answers one while Python builds the other's rows
    with ThreadPoolExecutor(max_workers=1) as pool:
        if from_url:
            first = pool.submit(read_url, from_url)
            target = read_url(to_url)
            source = first.result()
            return DiffRun(servers.redact(from_url), servers.redact(to_url), compare(source, target), source, target)
        from schema_tool.scratch import database_to_read, may_create_databases, platform_grants, throwaway_major

        live_url = servers.resolve_url(database_url, project.root)
        with servers.connect(live_url) as live_conn:
            # Before the build: the scratch server's major version, the platform's grants, extensions.
            live_major, platform = major_version(live_conn), platform_grants(live_conn)
            if scratch_server:
                with servers.connect(scratch_server) as conn:
                    refuse_other_major(live_major, major_version(conn))
            elif may_create_databases(live_conn):
                _refuse_blocked_extensions(live_conn, project)
            else:
                refuse_other_major(live_major, throwaway_major())
            live = pool.submit(read_side, live_conn, project, include=include)  # while the files' schema is built
            with database_to_read(project.root, project, live_url, scratch_server, build_files=True,
                                  platform=platform) as (url, what):
                files_side = read_url(url, built_from_files=True)
            live_side = live.result()
    if not live_side.present("cron_jobs"):
        files_side.rows["cron_jobs"] = None  # unknown on the live side: not compared
    elif not files_side.present("cron_jobs"):
        files_side.rows["cron_jobs"] = cron_jobs_of_files(project)
    live_name = f"{LIVE} {servers.redact(live_url)}"
    if reverse:
        return DiffRun(what, live_name, compare(files_side, live_side, (FILES, LIVE)), files_side, live_side,
                       (FILES, LIVE))
    return DiffRun(live_name, what, compare(live_side, files_side, (LIVE, FILES)), live_side, files_side, (LIVE, FILES))


def _refuse_blocked_extensions(conn, project) -> None:
    """The files' schema is built on the live database's server: stop first when this role could not
    create a required extension there."""
    from schema_tool import extensions
    from schema_tool.errors import ExtensionBlocked

    blocked = extensions.blocked(conn, project, in_new_database=True)
    if blocked:
        raise ExtensionBlocked(blocked[0])
