"""`schema_tool lint`: style (sqlfluff), migration safety (squawk) and catalog rules, in one report.

Catalog rules are .sql files in schema_tool/lint_rules/, one rule each, with
a header giving its id, level, object kind, one-line description and fix
hint; each returns rows (object, message). A file may silence a rule for
what it defines with a line `-- schema_tool: ignore RULE`.
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

from schema_tool.project import Project

LEVELS = ("info", "warning", "error")
HEADER_FIELD = re.compile(r"^--\s*(id|level|object|description|hint):\s*(.+)$", re.M)
IGNORE = re.compile(r"^--\s*schema_tool:\s*ignore\s+([A-Za-z0-9,\s-]+?)(?:\s*\(.*\))?\s*$", re.M)
CREATE_TABLE = re.compile(r"^create\s+table\s+(?:if\s+not\s+exists\s+)?public\.(\w+)", re.I | re.M)


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
    return Rule(header["id"], header["level"], header["object"], header["description"], header["hint"], text)


def run(project: Project, conn: psycopg.Connection | None, *, kinds: tuple[str, ...], ignore: set[str],
        fail_on: str) -> LintReport:
    report = LintReport(fail_on=fail_on)
    if "style" in kinds:
        report.findings += style(project)
        report.checked.append("style")
    if "safety" in kinds:
        report.findings += safety(project)
        report.checked.append("safety")
    if "catalog" in kinds and conn is not None:
        report.findings += catalog_findings(conn, project)
        report.checked.append("catalog")
    ignored_by_file = file_ignores(project)
    report.findings = [f for f in report.findings
                       if f.rule not in ignore and f.rule not in ignored_by_file.get(f.path, set())]
    report.findings.sort(key=lambda f: (-LEVELS.index(f.level), f.rule, f.path or "", f.line or 0, f.object or ""))
    return report


def catalog_findings(conn: psycopg.Connection, project: Project) -> list[Finding]:
    owners = object_files(project)
    findings = []
    for rule in rules():
        for obj, message in conn.execute(rule.query).fetchall():
            findings.append(Finding("catalog", rule.id, rule.level, message, obj,
                                    path=owners(rule.object, obj), hint=rule.hint))
    return findings


def object_files(project: Project):
    """A function mapping a finding's object to the file that defines it (for ignore comments)."""
    table_file = {t: m.rel for m in project.migrations for t in CREATE_TABLE.findall(m.text)}
    by_layer = {layer: {f.name: f.rel for f in project.layer(layer)} for layer in ("functions", "views", "policies")}

    def owner(kind: str, obj: str) -> str | None:
        name = re.sub(r"\(.*$", "", obj)
        if kind == "policy":
            table = obj.rsplit(" on ", 1)[-1]
            schema, _, bare = table.partition(".")
            return by_layer["policies"].get(bare if schema == "public" else table)
        bare = name.split(".")[-1]
        if kind == "function":
            return by_layer["functions"].get(bare)
        if kind == "view":
            return by_layer["views"].get(bare)
        if kind == "table":
            return table_file.get(bare)
        return None

    return owner


def file_ignores(project: Project) -> dict[str, set[str]]:
    ignores = {}
    for f in project.files:
        rules_named = {r.strip() for match in IGNORE.findall(f.text) for r in match.split(",") if r.strip()}
        if rules_named:
            ignores[f.rel] = rules_named
    return ignores


def style(project: Project) -> list[Finding]:
    """sqlfluff with the project's .sqlfluff, on every SQL file."""
    from sqlfluff.core import FluffConfig, Linter

    config = FluffConfig.from_path(str(project.root))
    result = Linter(config=config).lint_paths((str(project.root / "sql"),), processes=1)
    findings = []
    for record in result.as_records():
        rel = Path(record["filepath"]).resolve().relative_to(project.root).as_posix()
        for v in record["violations"]:
            findings.append(Finding("style", f"sqlfluff-{v['code']}", "warning", v["description"],
                                    path=rel, line=v["start_line_no"], hint=f"sqlfluff fix {rel} --rules {v['code']}"))
    return findings


def safety(project: Project) -> list[Finding]:
    """squawk with the project's .squawk.toml, on the versioned migrations."""
    migrations = [f.rel for f in project.migrations]
    if not migrations:
        return []
    squawk = shutil.which("squawk") or str(Path(sys.executable).with_name("squawk"))
    command = [squawk, "--reporter", "json"]
    if (project.root / ".squawk.toml").is_file():
        command += ["--config", ".squawk.toml"]
    done = subprocess.run(command + migrations, cwd=project.root, capture_output=True, text=True)
    if done.returncode not in (0, 1) or not done.stdout.strip():
        if done.returncode == 0:
            return []
        raise RuntimeError(f"squawk failed: {done.stderr.strip()}")
    return [Finding("safety", f"squawk-{v['rule_name']}", "warning" if v["level"] == "Warning" else "error",
                    v["message"], path=v["file"], line=v["line"] + 1, hint=v.get("help"))
            for v in json.loads(done.stdout)]
