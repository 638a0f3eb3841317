"""The project's SQL files and the layout of sql/: discovery, naming rules, checksums, which file
defines an object, and the text of a new migration.

sql/ holds one folder per layer (LAYERS) of .sql files, and sql/migrations.sum;
anything else there is refused, so a misplaced file is never silently left out.
A repeatable object lives in sql/<layer>/<name>.sql (<schema>.<name>.sql
outside public): a function's overloads, a view, a table's policies and
grants, a table's triggers; a table is created by a numbered migration.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from schema_tool.errors import Refusal, UsageError
from schema_tool.sqlsplit import Statement, split

# Apply order of the layers. Migrations are versioned; the others are
# repeatable (re-applied when their checksum changes or their objects changed).
LAYERS = ("bootstrap", "migrations", "functions", "views", "triggers", "policies", "cron")
REPEATABLE_LAYERS = ("functions", "views", "triggers", "policies", "cron")
KIND_OF_LAYER = {
    "bootstrap": "bootstrap",
    "migrations": "migration",
    "functions": "function",
    "views": "view",
    "triggers": "trigger",
    "policies": "policy",
    "cron": "cron",
}
NO_TRANSACTION_HEADER = "-- schema_tool: no-transaction"
MIGRATION_NAME = re.compile(r"^(?P<version>\d{4,})_(?P<name>[a-z0-9_]+)\.sql$")
PROJECT_ENV = "SCHEMA_TOOL_PROJECT"
# The files sql/ holds beside the layers' folders.
SQL_FILES = ("migrations.sum",)

# What SQL text creates or schedules, as the files write it.
CREATE_TABLE = re.compile(r"^create\s+table\s+(?:if\s+not\s+exists\s+)?public\.(\w+)", re.I | re.M)
CREATE_INDEX = re.compile(r"^\s*create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(\w+)"
                          r"\s+on\s+(?:only\s+)?public\.(\w+)", re.I | re.M)
CREATE_EXTENSION = re.compile(r"^\s*create\s+extension\s+(?:if\s+not\s+exists\s+)?(\"[^\"]+\"|[\w-]+)", re.I | re.M)
CREATE_TRIGGER = re.compile(
    r"^\s*create\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\s+(\w+)\s.*?\bon\s+(?:only\s+)?(\w+)\.(\w+)",
    re.I | re.S)
CREATE_INDEX_CONCURRENTLY = re.compile(
    r"^\s*create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?(?P<name>\w+)\s+on\s+"
    r"(?:only\s+)?(?:(?P<schema>\w+)\.)?\w+", re.I)
CRON_SCHEDULE = re.compile(r"cron\.schedule\s*\(\s*(?:job_name\s*=>\s*)?'([^']+)'\s*,\s*(?:schedule\s*=>\s*)?'([^']+)'"
                           r"\s*,\s*(?:command\s*=>\s*)?(\$(\w*)\$(.*?)\$\4\$|'((?:[^']|'')*)')", re.S | re.I)


@dataclass(frozen=True)
class SqlFile:
    layer: str
    path: Path  # absolute
    rel: str  # relative to the project root, as shown to users and recorded
    text: str = field(repr=False)
    checksum: str
    version: str | None = None  # migrations only, as written ("0003")
    name: str = ""

    @property
    def kind(self) -> str:
        return KIND_OF_LAYER[self.layer]

    @property
    def version_number(self) -> int | None:
        return None if self.version is None else int(self.version)

    @property
    def no_transaction(self) -> bool:
        return self.text.lstrip("\ufeff").startswith(NO_TRANSACTION_HEADER)

    @property
    def schema_and_name(self) -> tuple[str, str]:
        """What a repeatable file is named after: functions/answer.sql -> (public, answer),
        policies/storage.objects.sql -> (storage, objects)."""
        schema, _, name = self.name.rpartition(".")
        return (schema or "public"), name

    @property
    def tables_created(self) -> list[str]:
        """The tables of public this file creates."""
        return CREATE_TABLE.findall(self.text)

    @property
    def cron_jobs(self) -> list[tuple[str, str, str]]:
        """(name, schedule, command) of every job this file schedules."""
        return [(name, schedule, dollar_body if dollar_body else quoted_body.replace("''", "'"))
                for name, schedule, _, _, dollar_body, quoted_body in CRON_SCHEDULE.findall(self.text)]

    @property
    def description(self) -> str:
        """The header comment's description: its first comment line that is not the path."""
        for line in self.text.splitlines():
            stripped = line.strip()
            if not stripped.startswith("--"):
                break
            words = stripped.lstrip("-").strip()
            if words and not words.startswith(("sql/", "schema_tool:")) and not words.endswith(".sql"):
                return words
        return ""


@dataclass(frozen=True)
class Project:
    root: Path
    files: tuple[SqlFile, ...]

    def layer(self, layer: str) -> list[SqlFile]:
        return [f for f in self.files if f.layer == layer]

    @property
    def migrations(self) -> list[SqlFile]:
        return sorted(self.layer("migrations"), key=lambda f: f.version_number or 0)

    @property
    def latest_version(self) -> int | None:
        versions = [f.version_number for f in self.migrations]
        return max(versions) if versions else None


def find_root(start: Path | None = None) -> Path:
    """The project root: $SCHEMA_TOOL_PROJECT, else the nearest folder upwards holding sql/migrations, else
    the sql/ shipped with the package."""
    return locate(start)[0]


def locate(start: Path | None = None) -> tuple[Path, bool]:
    """find_root's answer, and whether it is the shipped sql/ (nothing was found from `start`)."""
    if os.environ.get(PROJECT_ENV):
        root = Path(os.environ[PROJECT_ENV]).resolve()
        if not (root / "sql").is_dir():
            raise UsageError(f"{PROJECT_ENV}={root} has no sql/ folder")
        return root, False
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "sql" / "migrations").is_dir():
            return folder, False
    shipped = shipped_root()
    if shipped is not None:
        return shipped, True
    raise UsageError(f"no project found: no sql/migrations folder in {here} or above it (use --project)")


# The sql/ that comes with the package: in an installed wheel schema_tool/shipped/sql/ (pyproject.toml maps
# the repository's sql/ there); in an editable install, the checkout's own.
PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_ROOT = PACKAGE_DIR / "shipped"


def shipped_root() -> Path | None:
    for root in (SHIPPED_ROOT, PACKAGE_DIR.parent):
        if (root / "sql" / "migrations").is_dir():
            return root
    return None


def state_dir(root: Path) -> Path:
    """Where the tool keeps its own files for a project (the embedded server's data, the lint cache):
    <root>/.schema_tool, and ./.schema_tool for the shipped sql/, which lives among the installed packages."""
    return (Path.cwd() if root == SHIPPED_ROOT else root) / ".schema_tool"


def refuse_shipped(root: Path) -> None:
    """The shipped sql/ is the package's: new files go into a project's own sql/."""
    if root == SHIPPED_ROOT:
        raise UsageError(f"{root / 'sql'} is the schema shipped with schema_tool and is not edited; "
                         "run this in a project with its own sql/migrations folder (or pass --project)")


def load(root: Path) -> Project:
    """Read every SQL file of every layer; refuse unknown files, non-UTF-8 files and duplicate versions."""
    refuse_unknown(root)
    files: list[SqlFile] = []
    for layer in LAYERS:
        folder = root / "sql" / layer
        if folder.is_dir():
            files.extend(read_file(root, layer, path) for path in sorted(folder.glob("*.sql")))
    _refuse_duplicate_versions(files)
    return Project(root=root, files=tuple(files))


def refuse_unknown(root: Path) -> None:
    """Refuse what sql/ holds besides the layers' folders of .sql files and sql/migrations.sum: a file
    the tool would not read is a mistake to say, not to skip (hidden files such as .gitkeep aside)."""
    folder = root / "sql"
    if not folder.is_dir():
        return
    layout = (f"sql/ holds the folders {', '.join(LAYERS)} (of .sql files) and "
              f"{', '.join(SQL_FILES)}")
    for entry in sorted(folder.iterdir()):
        rel = entry.relative_to(root).as_posix()
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name in LAYERS:
            for inner in sorted(entry.iterdir()):
                if not inner.name.startswith(".") and (not inner.is_file() or inner.suffix != ".sql"):
                    raise Refusal(f"{inner.relative_to(root).as_posix()}: not a .sql file, so no layer would "
                                  f"apply it; {layout}. Move it out of sql/ or rename it")
        elif not (entry.is_file() and entry.name in SQL_FILES):
            what = "folder" if entry.is_dir() else "file"
            raise Refusal(f"{rel}: unknown {what} under sql/, so nothing would apply it; {layout}")


def read_file(root: Path, layer: str, path: Path) -> SqlFile:
    """One SQL file of a layer, with its checksum (and version, for a migration)."""
    rel = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refusal(f"{rel} is not UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r}); "
                      "save it as UTF-8") from None
    checksum = hashlib.sha256(raw).hexdigest()
    if layer != "migrations":
        return SqlFile(layer, path, rel, text, checksum, name=path.stem)
    match = MIGRATION_NAME.match(path.name)
    if not match:
        raise Refusal(f"{rel}: a migration is named NNNN_<name>.sql (digits, underscore, lower-case name)")
    return SqlFile(layer, path, rel, text, checksum, version=match["version"], name=match["name"])


def triggers_created(text: str) -> list[tuple[str, str, str, Statement]]:
    """(trigger, schema, table, statement) of each CREATE TRIGGER statement of a file's text."""
    return [(*m.groups(), s) for s in split(text) if (m := CREATE_TRIGGER.match(without_comments(s.text)))]


def indexes_built_concurrently(text: str) -> list[tuple[str, str]]:
    """(schema, index) of every CREATE INDEX CONCURRENTLY of a file's text."""
    return [(m["schema"] or "public", m["name"]) for s in split(text)
            if (m := CREATE_INDEX_CONCURRENTLY.match(without_comments(s.text)))]


def without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))


def _refuse_duplicate_versions(files: list[SqlFile]) -> None:
    seen: dict[int, SqlFile] = {}
    for f in files:
        if f.version_number is None:
            continue
        if f.version_number in seen:
            raise Refusal(f"two migrations have version {f.version}: {seen[f.version_number].rel} and {f.rel}")
        seen[f.version_number] = f


def migration_path(root: Path, version: int, name: str) -> Path:
    """sql/migrations/NNNN_<name>.sql, the name made a file name (lower case, underscores)."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        raise UsageError(f"{name!r} gives an empty file name; use letters and digits")
    return root / "sql" / "migrations" / f"{version:04d}_{slug}.sql"


def next_migration_path(root: Path, name: str) -> Path:
    """The path of a new migration NAME, numbered after the last one."""
    refuse_shipped(root)
    migration_path(root, 1, name)  # a name that gives no file name is refused before the files are read
    return migration_path(root, (load(root).latest_version or 0) + 1, name)


def migration_text(rel: str, name: str, description: str, body: str = "", *, no_transaction: bool = False) -> str:
    """A new migration: its header (the no-transaction marker where it needs one, its path, what it
    does), then its statements. `new` and `diff --write` write migrations with it."""
    header = f"{NO_TRANSACTION_HEADER}\n" if no_transaction else ""
    text = f"{header}-- {rel}\n-- {name.replace('_', ' ')}: {description}\n\n"
    return text + (f"{body.rstrip()}\n" if body.strip() else "")


def repeatable_path(layer: str, schema: str, name: str) -> str:
    """sql/<layer>/<name>.sql for the public schema, sql/<layer>/<schema>.<name>.sql for another."""
    return f"sql/{layer}/" + (name if schema == "public" else f"{schema}.{name}") + ".sql"


def files_defining(project: Project):
    """A function from an object's identity (anything with schema, table, name and kind, as the lint
    rules return it) to the files that define it, the main one first.

    A table or a column: the migration creating the table, then its policies file;
    a policy: its table's policies file, then the table's migration; a trigger:
    its table's triggers file, then the table's; a function or view: its file; an
    index: the migration creating it, then its table's; an extension: the file
    creating it."""
    table_file = {t: m.rel for m in project.migrations for t in m.tables_created}
    index_file, extension_file = {}, {}
    for f in project.layer("bootstrap") + project.migrations:
        for name, _table in CREATE_INDEX.findall(f.text):
            index_file[name] = f.rel
        for name in CREATE_EXTENSION.findall(f.text):
            extension_file.setdefault(name.strip('"'), f.rel)
    layers = ("functions", "views", "triggers", "policies")
    by_layer = {layer: {f.name: f.rel for f in project.layer(layer)} for layer in layers}

    def own_file(layer: str, schema: str | None, name: str | None) -> str | None:
        return by_layer[layer].get(name if schema in (None, "public") else f"{schema}.{name}")

    def table_files(schema: str | None, table: str | None) -> list[str | None]:
        main = table_file.get(table) if schema == "public" else None
        return [main, own_file("policies", schema, table)]

    def owner(identity) -> list[str]:
        schema, table, name, kind = identity.schema, identity.table, identity.name, identity.kind
        found: list[str | None]
        if kind == "policy":
            found = table_files(schema, table)[::-1]
        elif kind == "trigger":
            found = [own_file("triggers", schema, table), *table_files(schema, table)]
        elif kind == "column":
            found = table_files(schema, table)
        elif kind == "table":
            found = table_files(schema, name)
        elif kind in ("function", "view"):
            found = [own_file(kind + "s", schema, name)]
        elif kind == "index":
            found = [index_file.get(name), *table_files(schema, table)]
        else:  # extension
            found = [extension_file.get(name)]
        return [path for path in dict.fromkeys(found) if path]

    return owner
