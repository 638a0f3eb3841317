"""The two sides of a diff: a live database, and the schema the SQL files define (built in a scratch
database), read into catalogs."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from schema_tool.catalog import Catalog, CronJob, read_all
from schema_tool.catalog.platform import PLATFORM_SCHEMAS
from schema_tool.diff.compare import compare
from schema_tool.diff.model import DiffReport

CRON_SCHEDULE = re.compile(r"cron\.schedule\(\s*'([^']+)'\s*,\s*'([^']+)'\s*,\s*(\$(\w*)\$(.*?)\$\4\$|'((?:[^']|'')*)')",
                           re.S | re.I)


def cron_jobs_of_files(project) -> list[CronJob]:
    """The jobs the cron layer's files schedule, for a side built where pg_cron is absent."""
    jobs = []
    for f in project.layer("cron"):
        for name, schedule, _, _, dollar_body, quoted_body in CRON_SCHEDULE.findall(f.text):
            command = dollar_body if dollar_body else quoted_body.replace("''", "'")
            jobs.append(CronJob(name, schedule, command, True))
    return sorted(jobs, key=lambda j: j.name)


def read_side(conn, project=None, *, built_from_files: bool = False, include: tuple[str, ...] = ()) -> Catalog:
    """The catalog of one side, platform schemas left out except those in `include`. Where pg_cron is
    absent, a side built from the files expects the cron layer's jobs, and a live side's jobs are
    unknown (None: not compared)."""
    found = read_all(conn, excluded=tuple(s for s in PLATFORM_SCHEMAS if s not in include))
    if not found.present("cron_jobs") and built_from_files and project is not None:
        found.rows["cron_jobs"] = cron_jobs_of_files(project)
    return found


@dataclass
class DiffRun:
    first: str  # what the first side is, for people
    second: str
    report: DiffReport
    source: Catalog
    target: Catalog


def run(project, *, database_url: str | None, from_url: str | None, to_url: str | None,
        scratch_server: str | None, reverse: bool = False, include: tuple[str, ...] = ()) -> DiffRun:
    """Diff two databases, or the live one against the files' schema (reverse: files against live);
    `include`: platform schemas to compare as well."""
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
        from schema_tool.scratch import scratch_database

        live_url = servers.resolve_url(database_url, project.root)
        live = pool.submit(read_url, live_url)  # while the files' schema is built
        with scratch_database(scratch_server or live_url, project) as url:
            files_side = read_url(url, built_from_files=True)
        live_side = live.result()
    if not live_side.present("cron_jobs"):
        files_side.rows["cron_jobs"] = None  # unknown on the live side: not compared
    elif not files_side.present("cron_jobs"):
        files_side.rows["cron_jobs"] = cron_jobs_of_files(project)
    live_name, files_name = servers.redact(live_url), "the schema of the SQL files"
    if reverse:
        return DiffRun(files_name, live_name, compare(files_side, live_side), files_side, live_side)
    return DiffRun(live_name, files_name, compare(live_side, files_side), live_side, files_side)
