"""`schema_tool lint`: style (sqlfluff), migration safety (squawk) and catalog rules, in one report.

Catalog rules are .sql files in schema_tool/lint_rules/, one rule each: the
file's stem is the rule's id (policy_auth_per_row.sql is policy-auth-per-row),
its header gives the level, a one-line description and a fix hint, and its
query returns one row per finding with fixed columns, the way Supabase's
splinter lints return a fixed metadata column: the object's identity
(schema, table, name, kind) and a message. A rule may read the project's SQL
files as JSON from the setting schema_tool.files, and write `{tenant_columns}`
for the tenant columns as catalog/platform.py defines them. A file may silence
a rule for what it defines with a line `-- schema_tool: ignore RULE`.
"""

from __future__ import annotations

import dataclasses
import hashlib
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
from schema_tool.project import Project, files_defining, state_dir

LEVELS = ("info", "warning", "error")
HEADER_FIELD = re.compile(r"^--\s*(level|description|hint):\s*(.+)$", re.M)
# What every catalog rule returns, in this order. kind is one of KINDS; table is the table a policy,
# trigger, index or column belongs to (null for the others); name is the object's own name.
COLUMNS = ("schema", "table", "name", "kind", "message")
KINDS = ("table", "column", "index", "policy", "trigger", "function", "view", "extension")
FILES_SETTING = "schema_tool.files"
IGNORE = re.compile(r"^--\s*schema_tool:\s*ignore\s+([A-Za-z0-9,\s-]+?)(?:\s*\(.*\))?\s*$", re.M)


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    description: str
    hint: str
    query: str


@dataclass(frozen=True)
class Identity:
    """What a catalog finding is about, as the rule returned it."""

    schema: str | None
    table: str | None
    name: str
    kind: str

    def __str__(self) -> str:
        if self.kind in ("policy", "trigger"):
            return f"{self.name} on {self.schema}.{self.table}"
        if self.kind == "column":
            return f"{self.schema}.{self.table}.{self.name}"
        if self.kind == "extension":
            return self.name
        return f"{self.schema}.{self.name}"


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
    identity: Identity | None = None  # catalog findings: schema, table, name and kind of the object


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
    """A rule from its file: the id is the file's stem with hyphens (function_search_path.sql is
    function-search-path), the header gives level, description and hint."""
    header = dict(HEADER_FIELD.findall(text))
    missing = {"level", "description", "hint"} - set(header)
    if missing:
        raise ValueError(f"lint rule {name} lacks {', '.join(sorted(missing))}")
    if header["level"] not in LEVELS:
        raise ValueError(f"lint rule {name}: level must be one of {LEVELS}")
    rule_id = Path(name).stem.replace("_", "-")
    # `{tenant_columns}` in a rule stands for the tenant columns, one row each (rel, table_name, attnum,
    # attname, not_null), as catalog/platform.py defines them
    query = text.replace("{tenant_columns}", f"({TENANT_COLUMNS_QUERY})")
    return Rule(rule_id, header["level"], header["description"], header["hint"], query)


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
        prepare(conn, project)
        for rule in rules():
            for identity, message in rule_rows(conn, rule):
                related = files_of(identity)
                if any(rule.id in ignored_by_file.get(path, ()) for path in related):
                    continue
                findings.append(Finding("catalog", rule.id, rule.level, message, str(identity),
                                        path=related[0] if related else None, hint=rule.hint, identity=identity))
    return findings


def prepare(conn: psycopg.Connection, project: Project) -> None:
    """Inside the rules' transaction: an empty search_path, and the project's SQL files as JSON in the
    setting schema_tool.files ([{path, layer, name, text}]) for the rules that read them."""
    conn.execute("set local search_path = ''")
    files = [{"path": f.rel, "layer": f.layer, "name": f.name, "text": f.text} for f in project.files]
    conn.execute("select set_config(%s, %s, true)", (FILES_SETTING, json.dumps(files)))


def rule_rows(conn: psycopg.Connection, rule: Rule) -> list[tuple[Identity, str]]:
    """One rule's findings as (identity, message); a failing query or a row of the wrong shape is a
    CheckFailed naming the rule."""
    try:
        with conn.transaction():
            cursor = conn.execute(rule.query)
            columns = tuple(c.name for c in cursor.description or ())
            rows = cursor.fetchall()
    except psycopg.Error as error:
        raise CheckFailed(f"lint rule {rule.id} failed: {' '.join(str(error).split())}") from None
    if columns != COLUMNS:
        raise CheckFailed(f"lint rule {rule.id} returns ({', '.join(columns)}); a rule returns "
                          f"({', '.join(COLUMNS)})")
    found = []
    for schema, table, name, kind, message in rows:
        if kind not in KINDS or not name:
            raise CheckFailed(f"lint rule {rule.id} returned kind {kind!r} and name {name!r}; "
                              f"kind is one of {', '.join(KINDS)} and name is never empty")
        found.append((Identity(schema, table, name, kind), message))
    return found


def file_ignores(project: Project) -> dict[str, set[str]]:
    ignores = {}
    for f in project.files:
        rules_named = {r.strip() for match in IGNORE.findall(f.text) for r in match.split(",") if r.strip()}
        if rules_named:
            ignores[f.rel] = rules_named
    return ignores


def style(project: Project) -> list[Finding]:
    """sqlfluff with the project's .sqlfluff on every SQL file it does not ignore, in parallel (its
    `processes` setting), and only on the files whose text or style settings changed since their last
    lint: the findings of the others come from the cache in .schema_tool/, kept by checksum.

    What sqlfluff cannot parse is reported at level info (rule sqlfluff-PRS), even
    where .sqlfluff says `ignore = parsing`: the style rules skip those lines, and
    the report says which they are."""
    from sqlfluff.core import FluffConfig, Linter
    from sqlfluff.core.config.loader import load_config_up_to_path
    from sqlfluff.core.linter.discovery import paths_from_path

    settings = load_config_up_to_path(str(project.root))  # the files read once, then configured with the override
    configured = FluffConfig(configs=settings).get("ignore") or []
    ignore = ",".join(kind for kind in configured if kind != "parsing")
    config = FluffConfig(configs=settings, overrides={"ignore": ignore})
    linted = [Path(p).resolve().relative_to(project.root).as_posix()
              for p in paths_from_path(str(project.root / "sql"), working_path=str(project.root))]
    cache = StyleCache(project)
    stale = [rel for rel in linted if cache.findings(rel) is None]
    if stale:
        processes = max(1, min(int(config.get("processes") or 1), len(stale) // 8 or 1))
        result = Linter(config=config).lint_paths(tuple(str(project.root / rel) for rel in stale),
                                                  processes=processes)
        fresh = {rel: [] for rel in stale}
        for record in result.as_records():
            rel = Path(record["filepath"]).resolve().relative_to(project.root).as_posix()
            fresh[rel] = [_style_finding(rel, v) for v in record["violations"]]
        cache.store(fresh)
    return [finding for rel in linted for finding in cache.findings(rel)]


def _style_finding(rel: str, violation: dict) -> Finding:
    if violation["code"] == "PRS":
        return Finding("style", "sqlfluff-PRS", "info",
                       f"sqlfluff cannot parse lines {violation['start_line_no']}-"
                       f"{violation.get('end_line_no') or '?'}; style rules skip them",
                       path=rel, line=violation["start_line_no"],
                       hint="nothing to fix if PostgreSQL accepts it: sqlfluff's postgres dialect lacks this syntax")
    return Finding("style", f"sqlfluff-{violation['code']}", "warning", violation["description"],
                   path=rel, line=violation["start_line_no"], hint=f"sqlfluff fix {rel} --rules {violation['code']}")


class StyleCache:
    """sqlfluff's findings per file, kept under the sha256 of what decides them: the file's text, the
    style settings (.sqlfluff, .sqlfluffignore) and sqlfluff's version."""

    def __init__(self, project: Project):
        import sqlfluff

        self.path = state_dir(project.root) / "lint-style-cache.json"
        settings = "".join((project.root / name).read_text(encoding="utf-8")
                           for name in (".sqlfluff", ".sqlfluffignore") if (project.root / name).is_file())
        self.settings = hashlib.sha256(f"{sqlfluff.__version__}\n{settings}".encode()).hexdigest()
        self.texts = {f.rel: f.text for f in project.files}
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def _key(self, rel: str) -> str:
        text = self.texts.get(rel) or (self.path.parent.parent / rel).read_text(encoding="utf-8")
        return hashlib.sha256(f"{self.settings}\n{rel}\n{text}".encode()).hexdigest()

    def findings(self, rel: str) -> list[Finding] | None:
        entry = self.entries.get(rel)
        if entry is None or entry["key"] != self._key(rel):
            return None
        return [Finding(**finding) for finding in entry["findings"]]

    def store(self, fresh: dict[str, list[Finding]]) -> None:
        for rel, findings in fresh.items():
            self.entries[rel] = {"key": self._key(rel), "findings": [dataclasses.asdict(f) for f in findings]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.entries, sort_keys=True), encoding="utf-8")
        except OSError:
            pass  # a read-only checkout lints everything every time; nothing is wrong with that


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
