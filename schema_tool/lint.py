"""`schema_tool lint`: style (sqlfluff), migration safety (squawk) and catalog rules, in one report.

Catalog rules are .sql files in schema_tool/lint_rules/, one rule each, with
a header giving its id, level, object kind, one-line description and fix
hint; each returns rows (object, message). A rule may write `{tenant_columns}`
for the tenant columns as catalog/platform.py defines them. A file may
silence a rule for what it defines with a line `-- schema_tool: ignore RULE`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import psycopg

from schema_tool.catalog.platform import TENANT_COLUMNS_QUERY
from schema_tool.errors import ToolError
from schema_tool.project import Project, files_defining

LEVELS = ("info", "warning", "error")
HEADER_FIELD = re.compile(r"^--\s*(id|level|object|description|hint):\s*(.+)$", re.M)
IGNORE = re.compile(r"^--\s*schema_tool:\s*ignore\s+([A-Za-z0-9,\s-]+?)(?:\s*\(.*\))?\s*$", re.M)


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    object: str
    description: str
    hint: str
    query: str


@dataclass
class Finding:
    source: str  # style, safety, catalog
    rule: str
    level: str
    message: str
    object: str | None = None
    path: str | None = None
    line: int | None = None
    hint: str | None = None


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    fail_on: str = "warning"
    checked: list[str] = field(default_factory=list)

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if LEVELS.index(f.level) >= LEVELS.index(self.fail_on)]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing else 0


@cache
def rules() -> tuple[Rule, ...]:
    folder = resources.files("schema_tool").joinpath("lint_rules")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            found.append(parse_rule(entry.read_text(encoding="utf-8"), entry.name))
    return tuple(found)


def parse_rule(text: str, name: str) -> Rule:
    header = dict(HEADER_FIELD.findall(text))
    missing = {"id", "level", "object", "description", "hint"} - set(header)
    if missing:
        raise ValueError(f"lint rule {name} lacks {', '.join(sorted(missing))}")
    if header["level"] not in LEVELS:
        raise ValueError(f"lint rule {name}: level must be one of {LEVELS}")
    # `{tenant_columns}` in a rule stands for the tenant columns, one row each (rel, table_name, attnum,
    # attname, not_null), as catalog/platform.py defines them
    query = text.replace("{tenant_columns}", f"({TENANT_COLUMNS_QUERY})")
    return Rule(header["id"], header["level"], header["object"], header["description"], header["hint"], query)


def run(project: Project, conn: psycopg.Connection | None, *, kinds: tuple[str, ...], ignore: set[str],
        fail_on: str) -> LintReport:
    report = LintReport(fail_on=fail_on)
    ignored_by_file = file_ignores(project)
    if "style" in kinds:
        report.findings += style(project)
        report.checked.append("style")
    if "safety" in kinds:
        report.findings += safety(project)
        report.checked.append("safety")
    if "catalog" in kinds and conn is not None:
        report.findings += catalog_findings(conn, project, ignored_by_file)
        report.checked.append("catalog")
    report.findings = [f for f in report.findings
                       if f.rule not in ignore and f.rule not in ignored_by_file.get(f.path, set())]
    report.findings.sort(key=lambda f: (-LEVELS.index(f.level), f.rule, f.path or "", f.line or 0, f.object or ""))
    return report


class CheckFailed(ToolError):
    """A check could not run (a rule's query failed, squawk is missing or crashed): not a finding."""

    exit_code = 2


def catalog_findings(conn: psycopg.Connection, project: Project,
                     ignored_by_file: dict[str, set[str]] | None = None) -> list[Finding]:
    """Every rule's rows as findings, minus those a related file silences with an ignore comment.

    The rules run with an empty search_path, so the server prints every name
    schema-qualified (auth.uid(), not uid()) whatever the connection's default."""
    files_of = files_defining(project)
    ignored_by_file = ignored_by_file or {}
    findings = []
    with conn.transaction():
        conn.execute("set local search_path = ''")
        for rule in rules():
            try:
                with conn.transaction():
                    rows = conn.execute(rule.query).fetchall()
            except psycopg.Error as error:
                raise CheckFailed(f"lint rule {rule.id} failed: {' '.join(str(error).split())}") from None
            for obj, message in rows:
                related = files_of(rule.object, obj)
                if any(rule.id in ignored_by_file.get(path, ()) for path in related):
                    continue
                findings.append(Finding("catalog", rule.id, rule.level, message, obj,
                                        path=related[0] if related else None, hint=rule.hint))
    return findings


def file_ignores(project: Project) -> dict[str, set[str]]:
    ignores = {}
    for f in project.files:
        rules_named = {r.strip() for match in IGNORE.findall(f.text) for r in match.split(",") if r.strip()}
        if rules_named:
            ignores[f.rel] = rules_named
    return ignores


def style(project: Project) -> list[Finding]:
    """sqlfluff with the project's .sqlfluff, on every SQL file, in this process.

    What sqlfluff cannot parse is reported at level info (rule sqlfluff-PRS), even
    where .sqlfluff says `ignore = parsing`: the style rules skip those lines, and
    the report says which they are."""
    from sqlfluff.core import FluffConfig, Linter

    configured = FluffConfig.from_path(str(project.root)).get("ignore") or []
    ignore = ",".join(kind for kind in configured if kind != "parsing")
    config = FluffConfig.from_path(str(project.root), overrides={"ignore": ignore})
    result = Linter(config=config).lint_paths((str(project.root / "sql"),), processes=1)
    findings = []
    for record in result.as_records():
        rel = Path(record["filepath"]).resolve().relative_to(project.root).as_posix()
        for v in record["violations"]:
            if v["code"] == "PRS":
                findings.append(Finding(
                    "style", "sqlfluff-PRS", "info",
                    f"sqlfluff cannot parse lines {v['start_line_no']}-{v.get('end_line_no') or '?'}; "
                    f"style rules skip them", path=rel, line=v["start_line_no"],
                    hint="nothing to fix if PostgreSQL accepts it: sqlfluff's postgres dialect lacks this syntax"))
                continue
            findings.append(Finding("style", f"sqlfluff-{v['code']}", "warning", v["description"],
                                    path=rel, line=v["start_line_no"], hint=f"sqlfluff fix {rel} --rules {v['code']}"))
    return findings


def safety(project: Project) -> list[Finding]:
    """squawk with the project's .squawk.toml, on the versioned migrations. A migration whose header
    says it runs without a transaction is checked as such (--no-assume-in-transaction), whatever the
    configuration assumes for the others."""
    in_transaction = [f.rel for f in project.migrations if not f.no_transaction]
    on_their_own = [f.rel for f in project.migrations if f.no_transaction]
    findings = _squawk(project, in_transaction) if in_transaction else []
    if on_their_own:
        findings += _squawk(project, on_their_own, "--no-assume-in-transaction")
    return findings


def _squawk(project: Project, migrations: list[str], *options: str) -> list[Finding]:
    beside = Path(sys.executable).with_name("squawk")  # the pinned squawk-cli of this environment
    squawk = str(beside) if beside.is_file() else shutil.which("squawk") or "squawk"
    command = [squawk, "--reporter", "json", *options]
    if (project.root / ".squawk.toml").is_file():
        command += ["--config", ".squawk.toml"]
    try:
        done = subprocess.run(command + migrations, cwd=project.root, capture_output=True, text=True)
    except FileNotFoundError:
        raise CheckFailed(f"squawk not found at {squawk}: pip install squawk-cli") from None
    if done.returncode not in (0, 1) or (done.returncode == 1 and not done.stdout.strip()):
        raise CheckFailed(f"squawk failed (exit {done.returncode}): {' '.join(done.stderr.split())}")
    if not done.stdout.strip():
        return []
    return [Finding("safety", f"squawk-{v['rule_name']}", "warning" if v["level"] == "Warning" else "error",
                    v["message"], path=v["file"], line=v["line"] + 1, hint=v.get("help"))
            for v in json.loads(done.stdout)]
