"""Everything the CLI shows: rich tables for people, JSON for machines."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
from collections import Counter
from contextlib import contextmanager

from typing import TYPE_CHECKING

from schema_tool.errors import ApplyFailed, ToolError

if TYPE_CHECKING:  # types only: each command imports what it uses
    from schema_tool.apply import ApplyReport, Event, Recorded
    from schema_tool.lint import LintReport
    from schema_tool.status import StatusReport
    from schema_tool.suite import SuiteRun


@functools.cache
def _console():
    """stdout through rich, made on first use: a command whose output is only plain lines (a no-op
    `up` outside a terminal) never loads rich."""
    from rich.console import Console

    return Console(soft_wrap=True)


@functools.cache
def _errors():
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def __getattr__(name: str):
    """`render.console` and `render.errors`, the two rich consoles, for the CLI and the tests."""
    consoles = {"console": _console, "errors": _errors}
    if name in consoles:
        return consoles[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _say(text: str, style: str | None = None) -> None:
    """A report line on stdout: styled by rich on a terminal, a plain print elsewhere (where rich would
    drop the style anyway)."""
    if sys.stdout.isatty():
        _console().print(text, style=style, highlight=False, markup=False)
    else:
        print(text)

LAYER_OF_KIND = {"bootstrap": "bootstrap", "migration": "migrations", "function": "functions",
                 "view": "views", "trigger": "triggers", "policy": "policies", "cron": "cron"}


def as_json(value) -> None:
    print(json.dumps(value, indent=2, default=_plain))


def _plain(value):
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return str(value)


def error(failure: ToolError) -> None:
    """One line saying what failed, where, and what is left; the server's detail and hint indented below."""
    if isinstance(failure, ApplyFailed):
        f = failure.failure
        if failure.in_scratch:
            _errors().print(f"{f.headline}; the files' schema does not build: the scratch database was dropped "
                            "and the live database was not touched", style="red", highlight=False, markup=False)
        else:
            _errors().print(failure.summary, style="red", highlight=False, markup=False)
        for label, value in (("DETAIL", f.detail), ("HINT", f.hint), ("CONTEXT", f.context)):
            if value:
                _errors().print(f"  {label}: {value}", highlight=False, markup=False)
        return
    _errors().print(f"error: {failure}", style="red", highlight=False, markup=False)


def error_json(failure: ToolError) -> None:
    body = {"error": failure.summary if isinstance(failure, ApplyFailed) else str(failure),
            "exit_code": failure.exit_code}
    if isinstance(failure, ApplyFailed):
        body["failure"] = {k: v for k, v in dataclasses.asdict(failure.failure).items() if k != "statement"}
        body["failure"]["statement"] = failure.failure.statement_line
        body["left"] = failure.left
        body["applied"] = failure.applied
    print(json.dumps(body, indent=2, default=str))


@contextmanager
def apply_progress(terminal: bool):
    """A listener for the apply engine: a progress bar on a terminal, one line per file applied
    elsewhere (a CI log); waits and retries are always said, on stderr."""
    if not terminal:
        yield _apply_lines
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=_errors(), transient=True) as progress:
        task = progress.add_task("applying", total=None)

        def listener(event: Event) -> None:
            if event.phase == "start":
                progress.update(task, total=max(event.total, event.index), completed=event.index - 1,
                                description=event.step.path)
            elif event.phase == "done":
                progress.update(task, completed=event.index)
            else:
                progress.console.print(f"{event.phase}: {event.message}", style="yellow", highlight=False,
                                       markup=False)

        yield listener


def _apply_lines(event: Event) -> None:
    """Plain lines, without rich: a build writes one per file, and rendering each through a console
    cost more than a file of functions takes to apply."""
    if event.phase == "done":
        print(f"applied {event.step.path} ({event.step.duration_ms} ms)", file=sys.stderr)
    elif event.phase in ("retry", "wait"):
        print(f"{event.phase}: {event.message}", file=sys.stderr)


def apply_report(report: ApplyReport, database: str) -> None:
    verb = "would apply" if report.dry_run else "applied"
    _say(f"schema_tool up {database}", "bold")
    shown = report.steps if report.dry_run else report.applied
    if not shown:
        _say(f"Up to date: nothing to apply ({report.bootstrap_checked} bootstrap files checked).")
    migrations = [s for s in shown if s.kind in ("migration", "bootstrap")]
    if migrations:
        from rich.table import Table

        table = Table(box=None, pad_edge=False)
        table.add_column("file")
        table.add_column("why")
        if not report.dry_run:
            table.add_column("ms", justify="right")
        for s in migrations:
            table.add_row(s.path, s.reason, *([] if report.dry_run else [str(s.duration_ms)]))
        _console().print(table)
    by_layer = Counter(LAYER_OF_KIND[s.kind] for s in shown if s.kind not in ("migration", "bootstrap"))
    for layer, count in by_layer.items():
        reasons = Counter(s.reason for s in shown if LAYER_OF_KIND[s.kind] == layer)
        why = ", ".join(f"{n} {r}" for r, n in reasons.items())
        _say(f"{layer}: {verb} {count} ({why})")
    for skip in report.skipped:
        _say(f"{skip.layer}: skipped ({skip.reason})", "yellow")
    if shown:
        _say(f"{len(shown)} file(s) {verb} in {report.duration_ms} ms.")


def status(report: StatusReport) -> None:
    _console().print(f"[bold]schema_tool status[/] {report.database}", highlight=False)
    states = Counter(m.state for m in report.migrations)
    _console().print("migrations: " + (", ".join(f"{n} {s}" for s, n in sorted(states.items())) or "none"))
    for m in report.migrations:
        if m.state != "applied" and m.state != "baselined":
            _console().print(f"  [yellow]{m.state}[/]: {m.path}", highlight=False)
    if report.changed_repeatables:
        _console().print(f"repeatable files not yet applied in their current form: {len(report.changed_repeatables)}")
        for path in report.changed_repeatables[:10]:
            _console().print(f"  {path}", highlight=False)
        if len(report.changed_repeatables) > 10:
            _console().print(f"  ... and {len(report.changed_repeatables) - 10} more")
    if report.drifted_repeatables:
        _console().print(f"[red]repeatable objects missing or changed since their file ran[/] (`up` restores them): "
                         f"{len(report.drifted_repeatables)}", highlight=False)
        for path in report.drifted_repeatables:
            _console().print(f"  {path}", highlight=False)
    if report.removed_repeatables:
        _console().print(f"repeatable files removed since they ran: {len(report.removed_repeatables)} (what they "
                         "created stays; `schema_tool diff` shows what no file defines now; `schema_tool repair "
                         "--yes` forgets them)", highlight=False)
        for path in report.removed_repeatables:
            _console().print(f"  {path}", highlight=False)
    for problem in report.blocked_extensions:
        _console().print(f"[red]blocked[/]: {problem}", highlight=False)
    for problem in report.sum_problems:
        _console().print(f"[red]migrations.sum[/]: {problem}", highlight=False)
    for name in report.invalid_indexes:
        _console().print(f"[red]invalid index[/]: {name} (a concurrent build failed or was interrupted; "
                         "`up` rebuilds it when its migration is pending)", highlight=False)
    for layer, reason in report.skipped_layers.items():
        _console().print(f"[yellow]{layer}: skipped ({reason})[/]", highlight=False)
    for e in report.extensions:
        need = "required" if e.required else f"optional, {e.purpose}"
        state = f"[green]{e.installed_version}[/]" if e.installed_version else (
            "[red]missing[/]" if e.required else "not installed")
        _console().print(f"extension {e.name} ({need}): {state}", highlight=False)
    c = report.counts
    _console().print(
        f"objects: {c['tables']} tables ({c['rls_tables']} with RLS), {c['policies']} policies, "
        f"{c['functions']} functions, {c['triggers']} triggers, {c['views']} views, "
        f"{c['buckets']} buckets, {c['cron_jobs']} cron jobs",
        highlight=False,
    )


WOULD = {"checksum re-recorded": "would re-record the checksum", "forgotten (file deleted)": "would forget (file deleted)",
         "forgotten (file removed, its objects stay)": "would forget (file removed, its objects stay)",
         "baselined": "would baseline", "marked applied": "would mark applied", "marked pending": "would mark pending"}


def recorded(items: list[Recorded], *, done: bool, what: str) -> None:
    if not items:
        _console().print(f"{what}: nothing to record.")
        return
    for item in items:
        action = item.action if done else WOULD.get(item.action, f"would record ({item.action})")
        _console().print(f"{action}: {item.path}", highlight=False)
    if not done:
        _console().print("Nothing recorded (a dry run): re-run with --yes to record these.")


def suite_run(run: SuiteRun) -> None:
    verdict = "[green]passed[/]" if run.exit_code == 0 else f"[red]failed (pytest exit {run.exit_code})[/]"
    _console().print(f"schema_tool test: {verdict} in {run.wall_time_s} s on {run.server}", highlight=False)


def reading(what: str) -> None:
    """Which database a command reads, said before its report (on stderr, so --json stays clean)."""
    _errors().print(f"reading {what}", highlight=False, markup=False)
    if os.environ.get("DATABASE_URL") and what.startswith("the SQL files"):
        _errors().print("note: DATABASE_URL is set, but this command reads the SQL files' schema; "
                        "pass --database-url to read a live database", highlight=False, markup=False)


def docs_result(changed: list[str], folder, *, check: bool) -> None:
    if not changed:
        _console().print(f"{folder}: up to date.", highlight=False)
        return
    verb = "stale" if check else "written"
    for name in changed:
        _console().print(f"{verb}: {folder}/{name}", highlight=False)
    if check:
        _console().print("Run `schema_tool docs` and commit the result.")


LEVEL_STYLE = {"error": "red", "warning": "yellow", "info": "blue"}


def lint_report(report: LintReport) -> None:
    for f in report.findings:
        where = f"{f.path}:{f.line}" if f.path and f.line else (f.path or "")
        target = " ".join(part for part in (where, f.object) if part)
        _console().print(f"[{LEVEL_STYLE[f.level]}]{f.level}[/] {f.rule}: {target}: {f.message}", highlight=False)
        if f.hint:
            _console().print(f"    fix: {f.hint}", highlight=False, markup=False)
    counts = {level: sum(f.level == level for f in report.findings) for level in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in counts.items())
    _console().print(f"schema_tool lint ({', '.join(report.checked)}): {summary}; "
                     f"failing at {report.fail_on} and above: {len(report.failing)}", highlight=False)


def diff_report(result, left_out) -> None:
    from rich.markup import escape

    report = result.report
    _console().print(f"[bold]schema_tool diff[/]: from {result.first} to {result.second}", highlight=False)
    if not report.changes:
        _console().print("No differences.")
    by_kind: dict[str, list] = {}
    for change in report.changes:
        by_kind.setdefault(change.kind, []).append(change)
    source, target = result.sides
    words = {"missing": f"only in {target}", "extra": f"only in {source}", "changed": "changed",
             "unmodelled": "not modelled"}
    for kind in sorted(by_kind):
        _console().print(f"[bold]{kind}[/]", highlight=False)
        for change in by_kind[kind]:
            flag = " [red](destructive)[/]" if change.destructive else ""
            detail = f": {escape(change.detail)}" if change.detail else ""
            _console().print(f"  {words[change.action]}: {escape(change.name)}{detail}{flag}", highlight=False)
    if report.changes:
        counts = Counter(c.action for c in report.changes)
        _console().print(", ".join(f"{n} {words[action]}" for action, n in sorted(counts.items())), highlight=False)
    for note in report.notes:
        _console().print(f"[yellow]note[/]: {note}", highlight=False)
    _left_out(left_out)


def diff_sql(statements: list[str], left_out) -> None:
    for statement in statements:
        print(statement.rstrip() + ";")
    _left_out(left_out, stream=_errors())


def _left_out(left_out, stream=None) -> None:
    stream = stream or _console()
    for change in left_out:
        stream.print(f"left out (destructive, needs --allow-destructive): {change.kind} {change.name}",
                     highlight=False, markup=False)


def diff_written(written: list[str], root, left_out) -> None:
    """What was left out first, then each file written, with what it now holds (or that it was
    deleted), for review before a commit."""
    _left_out(left_out)
    for path in written:
        target = root / path
        if not target.exists():
            _console().print(f"deleted {path}", highlight=False, markup=False)
            continue
        _console().print(f"wrote {path}", highlight=False, markup=False)
        for line in target.read_text(encoding="utf-8").splitlines():
            _console().print(f"    {line}" if line else "", highlight=False, markup=False, soft_wrap=True)
    if not written:
        _console().print("Nothing else differs: nothing written." if left_out else "No differences: nothing written.")
