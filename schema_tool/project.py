"""The project's SQL files: discovery, naming rules and checksums."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from schema_tool.errors import Refusal, UsageError

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
    """The project root: $SCHEMA_TOOL_PROJECT, else the nearest folder upwards holding sql/migrations."""
    if os.environ.get(PROJECT_ENV):
        root = Path(os.environ[PROJECT_ENV]).resolve()
        if not (root / "sql").is_dir():
            raise UsageError(f"{PROJECT_ENV}={root} has no sql/ folder")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "sql" / "migrations").is_dir():
            return folder
    raise UsageError(f"no project found: no sql/migrations folder in {here} or above it (use --project)")


def load(root: Path) -> Project:
    """Read every SQL file of every layer; refuse non-UTF-8 files and duplicate versions."""
    files: list[SqlFile] = []
    for layer in LAYERS:
        folder = root / "sql" / layer
        if folder.is_dir():
            files.extend(read_file(root, layer, path) for path in sorted(folder.glob("*.sql")))
    _refuse_duplicate_versions(files)
    return Project(root=root, files=tuple(files))


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


def _refuse_duplicate_versions(files: list[SqlFile]) -> None:
    seen: dict[int, SqlFile] = {}
    for f in files:
        if f.version_number is None:
            continue
        if f.version_number in seen:
            raise Refusal(f"two migrations have version {f.version}: {seen[f.version_number].rel} and {f.rel}")
        seen[f.version_number] = f


def next_migration_path(root: Path, name: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        raise UsageError(f"{name!r} gives an empty file name; use letters and digits")
    project = load(root)
    version = (project.latest_version or 0) + 1
    return root / "sql" / "migrations" / f"{version:04d}_{slug}.sql"
