"""sql/migrations.sum: every migration's file name and sha256, and a first line summing them all.

Two branches that each add a migration both change the first line (and the
last), so git makes their merge a conflict instead of letting two files
with the same version meet on `up`. To resolve it, take the other branch's
sum and run `schema_tool renumber`: the migrations it does not list move
after the ones it does. The sum also records what was released: a listed
migration whose text changed is reported (by `status`, `up` and the test
suite), and one whose file is gone too.

A project without the file is not checked (`schema_tool hash` creates it).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from schema_tool.errors import Refusal
from schema_tool.project import MIGRATION_NAME, Project, SqlFile, load, read_file, refuse_shipped

SUM_PATH = Path("sql") / "migrations.sum"
LINE = re.compile(r"^(?P<name>\S+\.sql) (?P<checksum>[0-9a-f]{64})$")


@dataclass(frozen=True)
class SumCheck:
    unlisted: list[str]  # migration files the sum does not list
    missing: list[str]  # listed, but the file is gone
    changed: list[str]  # listed with another checksum

    @property
    def ok(self) -> bool:
        return not (self.unlisted or self.missing or self.changed)

    def problems(self) -> list[str]:
        return ([f"{name} is not in sql/migrations.sum (run `schema_tool renumber`)" for name in self.unlisted] +
                [f"{name} is in sql/migrations.sum but its file is gone" for name in self.missing] +
                [f"{name} differs from its checksum in sql/migrations.sum (a released migration never changes; "
                 "if it is yours and unreleased, run `schema_tool hash`)" for name in self.changed])


def text(migrations: list[SqlFile]) -> str:
    lines = [f"{f.path.name} {f.checksum}" for f in migrations]
    total = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return "\n".join([f"total {total}", *lines]) + "\n"


def listed(root: Path) -> dict[str, str] | None:
    """name -> checksum as the sum lists them; None when the project has no sum."""
    path = root / SUM_PATH
    if not path.is_file():
        return None
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], start=2):
        match = LINE.match(line)
        if not match:
            raise Refusal(f"{SUM_PATH}:{number}: not '<file> <sha256>' (a merge conflict left in it? take one "
                          "side's file and run `schema_tool renumber`)")
        found[match["name"]] = match["checksum"]
    return found


def check(project: Project) -> SumCheck | None:
    sums = listed(project.root)
    if sums is None:
        return None
    files = {f.path.name: f.checksum for f in project.migrations}
    return SumCheck(unlisted=sorted(set(files) - set(sums)), missing=sorted(set(sums) - set(files)),
                    changed=sorted(name for name in set(files) & set(sums) if files[name] != sums[name]))


def refuse_unlisted(project: Project) -> None:
    """`up` runs no migration the sum does not list: it may clash with another branch's. (A listed one
    that is gone or changed is for status and the suite to report; `up` refuses those once applied.)"""
    result = check(project)
    if result and result.unlisted:
        raise Refusal("refusing to apply anything:\n  " + "\n  ".join(
            f"{name} is not in sql/migrations.sum (run `schema_tool renumber`)" for name in result.unlisted))


def write(root: Path) -> Path:
    """Rewrite the sum from the migration files as they are."""
    refuse_shipped(root)
    path = root / SUM_PATH
    path.write_text(text(load(root).migrations), encoding="utf-8")
    return path


def renumber(root: Path) -> list[tuple[str, str]]:
    """Move the migrations the sum does not list after the latest one it lists, keeping their order;
    then rewrite the sum. Returns (old name, new name) of each file moved."""
    refuse_shipped(root)
    sums = listed(root) or {}
    project = load_allowing_duplicates(root)
    kept = [f for f in project if f.path.name in sums]
    newcomers = [f for f in project if f.path.name not in sums]
    version = max((f.version_number for f in kept), default=0)
    moved = []
    for f in newcomers:
        version += 1
        if f.version_number == version:
            continue
        name = f"{version:0{len(f.version)}d}_{f.name}.sql"
        target = f.path.with_name(name)
        old_rel, new_rel = f.rel, target.relative_to(root).as_posix()
        target.write_text(f.text.replace(old_rel, new_rel, 1), encoding="utf-8")
        f.path.unlink()
        moved.append((f.path.name, name))
    write(root)
    return moved


def load_allowing_duplicates(root: Path) -> list[SqlFile]:
    """The migration files in version order, two of the same version included (as a merge leaves them)."""
    folder = root / "sql" / "migrations"
    files = [read_file(root, "migrations", path) for path in sorted(folder.glob("*.sql"))
             if MIGRATION_NAME.match(path.name)]
    return sorted(files, key=lambda f: (f.version_number, f.path.name))
