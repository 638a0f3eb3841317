"""The `schema_tool` command line: parses arguments, calls the core, renders.

Each command imports the modules it uses when it runs, so that a command
starts without loading what only another one needs (the diff, the linter,
pytest).

The annotations are evaluated when the module loads (no `from __future__ import annotations`): Typer
reads every command's signature at each start, and evaluating them from strings then cost more than
the command itself on a no-op run.
"""

import contextlib
import functools
import sys
from pathlib import Path
from enum import Enum
from typing import Annotated, Optional

import typer

from schema_tool import project
from schema_tool.errors import ExtensionBlocked, ToolError, UsageError, from_driver

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(help="Apply, check and document the marketing platform's PostgreSQL schema.",
                  no_args_is_help=True, pretty_exceptions_enable=False, context_settings=HELP_OPTIONS)
db_app = typer.Typer(help="The embedded PostgreSQL server (data in .schema_tool/pgdata).", no_args_is_help=True,
                     context_settings=HELP_OPTIONS)
app.add_typer(db_app, name="db")

DatabaseUrl = Annotated[Optional[str], typer.Option(
    "--database-url", envvar="DATABASE_URL", show_envvar=True,
    help="Server to use; default: the embedded PostgreSQL, started on demand.")]
ProjectDir = Annotated[Optional[Path], typer.Option(
    "--project", envvar="SCHEMA_TOOL_PROJECT", help="Project folder holding sql/ (default: found from here).")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


class Backend(str, Enum):
    embedded = "embedded"
    docker = "docker"
    url = "url"


def _version(shown: bool) -> None:
    if shown:
        from schema_tool import __version__

        print(f"schema_tool {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    """Apply, check and document the marketing platform's PostgreSQL schema."""


def reports_errors(command):
    """Turn the tool's errors into a one-line message (or JSON) and their exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        import psycopg

        from schema_tool import render

        try:
            return command(*args, **kwargs)
        except (ToolError, psycopg.Error) as raised:
            failure = raised if isinstance(raised, ToolError) else from_driver(raised)
            (render.error_json if kwargs.get("as_json") else render.error)(failure)
            raise typer.Exit(failure.exit_code) from None

    return wrapper


def _root(project_dir: Path | None) -> Path:
    if project_dir is None:
        root, shipped = project.locate()
        if shipped:
            print(f"no sql/migrations folder here or above: using the schema shipped with schema_tool "
                  f"({root / 'sql'})", file=sys.stderr)
        return root
    if not (project_dir / "sql").is_dir():
        raise UsageError(f"--project {project_dir}: no sql/ folder there")
    return project_dir.resolve()


@contextlib.contextmanager
def _connected(database_url: str | None, root: Path):
    """The command's connection and the URL it shows; closed when the command ends, failed or not."""
    from schema_tool import servers

    url = servers.resolve_url(database_url, root)
    with servers.connect(url) as conn:
        yield conn, servers.redact(url)


@app.command()
@reports_errors
def up(
    database_url: DatabaseUrl = None,
    project_dir: ProjectDir = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would run and why; change nothing.")] = False,
    single_transaction: Annotated[bool, typer.Option(
        "--single-transaction", help="All files in one transaction: all or nothing.")] = False,
    target: Annotated[Optional[str], typer.Option(help="Apply migrations up to this version only.")] = None,
    allow_out_of_order: Annotated[bool, typer.Option(
        "--allow-out-of-order", help="Apply a pending migration older than the latest applied one.")] = False,
    lock_timeout: Annotated[str, typer.Option(
        "--lock-timeout", help="Longest wait for any lock (500ms, 2s, 1min); then the file rolls back and "
                               "is retried.")] = "2s",
    lock_retries: Annotated[int, typer.Option(
        "--lock-retries", min=0, help="Retries of a file that timed out on a lock, with backoff.")] = 5,
    statement_timeout: Annotated[str, typer.Option(
        "--statement-timeout", help="Longest run of one statement (0: no limit); exceeding it fails the file.")] = "0",
    wait: Annotated[str, typer.Option(
        "--wait", help="Longest wait for another schema_tool run on the same database to finish.")] = "60s",
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Do not ask before changing a database other than the embedded one.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Apply bootstrap, pending migrations and the repeatable files that changed or whose objects did."""
    from schema_tool import apply, locks, render

    policy = locks.LockPolicy(locks.milliseconds(lock_timeout, "--lock-timeout"), lock_retries,
                              locks.milliseconds(statement_timeout, "--statement-timeout"),
                              locks.milliseconds(wait, "--wait"))
    root = _root(project_dir)
    files = project.load(root)
    with _connected(database_url, root) as (conn, shown_url):
        if database_url and not (yes or dry_run or as_json) and sys.stdin.isatty():
            _confirm_target(conn)
        options = apply.ApplyOptions(dry_run, single_transaction, target, allow_out_of_order, policy)
        with render.apply_progress(terminal=not as_json and sys.stderr.isatty()) as listener:
            report = apply.up(conn, files, options, listener)
    render.as_json(report) if as_json else render.apply_report(report, shown_url)


def _confirm_target(conn) -> None:
    """On a terminal, say which database `up` is about to change and ask (a stray DATABASE_URL
    must not send it somewhere unexpected)."""
    from schema_tool import servers

    if not typer.confirm(f"schema_tool up will change {servers.describe(conn)}. Continue?", err=True):
        raise ToolError("nothing applied: not confirmed (pass --yes to skip the question)")


@app.command()
@reports_errors
def status(database_url: DatabaseUrl = None, project_dir: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Show applied, pending and changed files, skipped layers, extensions and object counts."""
    from schema_tool import render, status as status_core

    root = _root(project_dir)
    with _connected(database_url, root) as (conn, shown_url):
        report = status_core.collect(conn, project.load(root), shown_url)
    render.as_json(report) if as_json else render.status(report)
    raise typer.Exit(report.exit_code)


@app.command()
@reports_errors
def new(name: Annotated[str, typer.Argument(help="What the migration does, e.g. add_lead_tags.")],
        project_dir: ProjectDir = None) -> None:
    """Create the next-numbered migration file with its header comment."""
    from schema_tool import render

    root = _root(project_dir)
    path = project.next_migration_path(root, name)
    rel = path.relative_to(root).as_posix()
    path.write_text(project.migration_text(rel, name, "describe what this migration changes."), encoding="utf-8")
    render.console.print(f"created {rel}", highlight=False)
    _update_sum(root)


def _update_sum(root: Path) -> None:
    from schema_tool import migrations_sum, render

    if migrations_sum.listed(root) is not None:
        migrations_sum.write(root)
        render.console.print(f"updated {migrations_sum.SUM_PATH.as_posix()}", highlight=False)


@app.command("hash")
@reports_errors
def hash_migrations(project_dir: ProjectDir = None) -> None:
    """Write sql/migrations.sum from the migration files as they are (after editing an unreleased one)."""
    from schema_tool import migrations_sum, render

    path = migrations_sum.write(_root(project_dir))
    render.console.print(f"wrote {path.name}", highlight=False)


@app.command()
@reports_errors
def renumber(project_dir: ProjectDir = None) -> None:
    """Move the migrations sql/migrations.sum does not list after the latest one it lists (after taking
    another branch's sum in a merge), and add them to it."""
    from schema_tool import migrations_sum, render

    for old, new_name in migrations_sum.renumber(_root(project_dir)):
        render.console.print(f"renumbered {old} -> {new_name}", highlight=False)
    render.console.print(f"wrote {migrations_sum.SUM_PATH.as_posix()}", highlight=False)


@app.command()
@reports_errors
def baseline(version: Annotated[str, typer.Argument(help="Last migration already present in the database.")],
             database_url: DatabaseUrl = None, project_dir: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Adopt an existing database: record migrations up to VERSION as applied without running them."""
    from schema_tool import apply, render

    root = _root(project_dir)
    with _connected(database_url, root) as (conn, _):
        items = apply.baseline(conn, project.load(root), version)
    render.as_json(items) if as_json else render.recorded(items, done=True, what="baseline")


class MarkAs(str, Enum):
    applied = "applied"
    pending = "pending"


@app.command()
@reports_errors
def repair(versions: Annotated[Optional[list[str]], typer.Argument(
               help="Migrations to mark (with --status), e.g. 0018.")] = None,
           status: Annotated[Optional[MarkAs], typer.Option(
               "--status", help="Mark VERSIONS applied (recorded, not run) or pending (run by the next up).")] = None,
           yes: Annotated[bool, typer.Option("--yes", help="Record the changes (without it: only show them).")] = False,
           database_url: DatabaseUrl = None, project_dir: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Re-record checksums of intentionally edited migrations, forget deleted ones and removed repeatable
    files (their objects stay); with VERSIONS and --status, mark those migrations applied or pending."""
    from schema_tool import apply, render

    if bool(versions) != bool(status):
        raise UsageError("migration versions and --status applied|pending go together")
    root = _root(project_dir)
    files = project.load(root)
    with _connected(database_url, root) as (conn, _):
        if versions:
            items = apply.mark(conn, files, versions, status.value, dry_run=not yes)
        else:
            items = apply.repair(conn, files) if yes else apply.repair_plan(conn, files)
    render.as_json(items) if as_json else render.recorded(items, done=yes, what="repair")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@reports_errors
def test(
    ctx: typer.Context,
    backend: Annotated[Backend, typer.Option(help="Where the test server comes from.")] = "embedded",
    database_url: Annotated[Optional[str], typer.Option(
        "--database-url", help="Existing server: the suite creates its databases there and drops them.")] = None,
    project_dir: ProjectDir = None,
) -> None:
    """Run the project's pytest suites against a disposable server; extra arguments go to pytest."""
    from schema_tool import render, suite

    result = suite.run(_root(project_dir), getattr(backend, "value", backend), database_url, list(ctx.args))
    render.suite_run(result)
    raise typer.Exit(result.exit_code)


@app.command()
@reports_errors
def docs(
    database_url: Annotated[Optional[str], typer.Option(
        "--database-url", help="Document this live database instead of the schema the files define.")] = None,
    scratch_server: Annotated[Optional[str], typer.Option(
        "--scratch-server", help="Server to build the files' schema on (default: the embedded PostgreSQL).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 when the committed docs are stale.")] = False,
    out: Annotated[Path, typer.Option(help="Folder of the generated pages, relative to the project.")] = Path("docs/schema"),
    project_dir: ProjectDir = None,
) -> None:
    """Generate the schema reference (Markdown and Mermaid) from the catalog."""
    from schema_tool import docs as docs_core, render

    root = _root(project_dir)
    files = project.load(root)
    result = docs_core.build(root, files, database_url, scratch_server, said=render.reading)
    folder = root / out
    changed = docs_core.stale(result, folder) if check else docs_core.write(result, folder)
    render.docs_result(changed, folder.relative_to(root) if folder.is_relative_to(root) else folder, check=check)
    raise typer.Exit(1 if check and changed else 0)


@app.command()
@reports_errors
def lint(
    database_url: Annotated[Optional[str], typer.Option(
        "--database-url", help="Run the catalog rules on this live database instead of the files' schema.")] = None,
    scratch_server: Annotated[Optional[str], typer.Option(
        "--scratch-server", help="Server to build the files' schema on (default: the embedded PostgreSQL).")] = None,
    fail_on: Annotated[str, typer.Option(help="Exit 1 on findings at or above: info, warning, error.")] = "warning",
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rule id to leave out; repeatable.")] = None,
    only: Annotated[Optional[list[str]], typer.Option(help="style, safety or catalog; repeatable.")] = None,
    project_dir: ProjectDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Check style (sqlfluff), migration safety (squawk) and the catalog rules."""
    from schema_tool import lint as lint_core, render, scratch, servers

    if fail_on not in lint_core.LEVELS:
        raise UsageError(f"--fail-on takes one of {', '.join(lint_core.LEVELS)}")
    kinds = tuple(only or ("style", "safety", "catalog"))
    root = _root(project_dir)
    files = project.load(root)
    options = dict(kinds=kinds, ignore=set(ignore or ()), fail_on=fail_on)
    if "catalog" not in kinds:
        report = lint_core.run(files, None, **options)
    else:
        with scratch.database_to_read(root, files, database_url, scratch_server) as (url, what):
            render.reading(what)
            with servers.connect(url) as conn:
                report = lint_core.run(files, conn, **options)
    render.as_json(report) if as_json else render.lint_report(report)
    raise typer.Exit(report.exit_code)


@app.command()
@reports_errors
def diff(
    database_url: DatabaseUrl = None,
    from_url: Annotated[Optional[str], typer.Option("--from", help="First database (with --to: any two).")] = None,
    to_url: Annotated[Optional[str], typer.Option("--to", help="Second database.")] = None,
    scratch_server: Annotated[Optional[str], typer.Option(
        "--scratch-server", help="Server to build the files' schema on (default: the live database's server).")] = None,
    sql: Annotated[bool, typer.Option(
        "--sql", help="Print the SQL that turns the live database into the files' schema (or --from into --to).")] = False,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 on any drift, 0 on none (for CI).")] = False,
    allow_destructive: Annotated[bool, typer.Option(
        "--allow-destructive", help="Emit statements that drop data (tables, columns).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Objects the diff does not model are an error.")] = False,
    include_schema: Annotated[Optional[list[str]], typer.Option(
        "--include-schema", help="Compare this platform schema too (auth, storage...); repeatable.")] = None,
    write: Annotated[Optional[str], typer.Option(
        "--write", help="Capture the live database's changes as migration NAME and updated repeatable files.")] = None,
    project_dir: ProjectDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Compare the live database with the schema the SQL files define (or --from/--to any two)."""
    import psycopg

    from schema_tool import diff as diff_core, render

    if bool(from_url) != bool(to_url):
        raise UsageError("--from and --to go together")
    root = _root(project_dir) if not from_url or write else None
    files = project.load(root) if root else None
    try:
        result = diff_core.run(files, database_url=database_url, from_url=from_url, to_url=to_url,
                               scratch_server=scratch_server, reverse=bool(write),
                               include=tuple(include_schema or ()))
    except psycopg.Error as failure:  # a catalog query failed: an error, not drift
        raise UsageError(f"diff failed: {' '.join(str(failure).split())}") from None
    except ExtensionBlocked:
        raise
    except ToolError as failure:  # the files' schema did not build: an error, not drift (exit 2)
        failure.exit_code = 2
        raise
    statements, left_out = result.report.sql(allow_destructive=allow_destructive)
    if write:
        from schema_tool import apply

        written = diff_core.write(files, write, result, allow_destructive=allow_destructive)
        render.diff_written(written, root, left_out)
        if any(path.startswith("sql/migrations/") for path in written):
            _update_sum(root)
        kept = [path for path in written if (root / path).exists()]
        if kept:
            with _connected(database_url, root) as (conn, _):
                render.recorded(apply.record_captured(conn, project.load(root), kept), done=True, what="capture")
        raise typer.Exit(0)
    if as_json:
        render.as_json({"first": result.first, "second": result.second, "changes": result.report.to_json(),
                        "notes": result.report.notes, "sql": statements,
                        "left_out": [c.name for c in left_out]})
    elif sql:
        render.diff_sql(statements, left_out)
    else:
        render.diff_report(result, left_out)
    unmodelled = [c for c in result.report.changes if c.action == "unmodelled"]
    if strict and unmodelled:
        render.error(ToolError(f"--strict: {len(unmodelled)} object(s) the diff does not model "
                               f"(first: {unmodelled[0].kind} {unmodelled[0].name})"))
        raise typer.Exit(2)
    raise typer.Exit(1 if check and result.report.modelled else 0)


@db_app.command("start")
@reports_errors
def db_start(project_dir: ProjectDir = None) -> None:
    """Start the embedded PostgreSQL (initialising it on first use)."""
    from schema_tool import render, servers

    server = servers.EmbeddedServer(_root(project_dir)).start()
    render.console.print(f"running: {server.url()}", highlight=False)


@db_app.command("stop")
@reports_errors
def db_stop(project_dir: ProjectDir = None) -> None:
    """Stop the embedded PostgreSQL."""
    from schema_tool import render, servers

    stopped = servers.EmbeddedServer(_root(project_dir)).stop()
    render.console.print("stopped" if stopped else "not running")


@db_app.command("status")
@reports_errors
def db_status(project_dir: ProjectDir = None) -> None:
    """Say whether the embedded PostgreSQL runs, and where."""
    from schema_tool import render, servers

    server = servers.EmbeddedServer(_root(project_dir))
    url = server.running_url()
    render.console.print(f"running: {url}" if url else f"not running (data: {server.pgdata})", highlight=False)
    raise typer.Exit(0 if url else 1)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@reports_errors
def psql(ctx: typer.Context, database_url: DatabaseUrl = None, project_dir: ProjectDir = None) -> None:
    """Open psql (the embedded server's own) on the database the other commands use; extra arguments
    go to psql."""
    import os

    from schema_tool import servers

    url = servers.resolve_url(database_url, _root(project_dir))
    binary = servers.server_bin_dir() / "psql"
    os.execv(binary, [str(binary), *ctx.args, url])


@db_app.command("reset")
@reports_errors
def db_reset(yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
             project_dir: ProjectDir = None) -> None:
    """Drop the embedded server's database and build it again from the files (the virtualenv stays)."""
    from schema_tool import apply, render, servers

    root = _root(project_dir)
    server = servers.EmbeddedServer(root).start()
    if not yes and sys.stdin.isatty() and not typer.confirm(
            f"drop and rebuild the embedded database {servers.EMBEDDED_DATABASE!r}?", err=True):
        raise ToolError("nothing dropped: not confirmed")
    with servers.connect(server.url("template1")) as admin:
        admin.execute(f'drop database if exists "{servers.EMBEDDED_DATABASE}" with (force)')
        admin.execute(f'create database "{servers.EMBEDDED_DATABASE}"')
    with servers.connect(server.url()) as conn:
        report = apply.up(conn, project.load(root), apply.ApplyOptions())
    render.apply_report(report, servers.redact(server.url()))


@db_app.command("url")
@reports_errors
def db_url(project_dir: ProjectDir = None) -> None:
    """Print the embedded server's connection URL (starting it if needed)."""
    from schema_tool import servers

    print(servers.EmbeddedServer(_root(project_dir)).start().url())
