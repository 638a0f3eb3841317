"""Small throwaway projects for testing the engine, and a way to run the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class ToyProject:
    root: Path

    def write(self, rel: str, text: str) -> Path:
        path = self.root / "sql" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def remove(self, rel: str) -> None:
        (self.root / "sql" / rel).unlink()


@pytest.fixture
def toy(tmp_path) -> ToyProject:
    """A project with the real bootstrap layer and no migrations yet."""
    (tmp_path / "sql" / "migrations").mkdir(parents=True)
    shutil.copytree(ROOT / "sql" / "bootstrap", tmp_path / "sql" / "bootstrap")
    return ToyProject(tmp_path)


@dataclass
class Result:
    code: int
    out: str
    err: str


def cli(*args: str, project: ToyProject | Path | None = None, url: str | None = None,
        timeout: float = 60, env: dict | None = None) -> Result:
    command = [sys.executable, "-m", "schema_tool", *args]
    if project is not None:
        command += ["--project", str(project.root if isinstance(project, ToyProject) else project)]
    if url is not None:
        command += ["--database-url", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", **(env or {})})
    return Result(done.returncode, done.stdout, done.stderr)


def query(url: str, sql: str, params=None) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def execute(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def history(url: str) -> list[tuple]:
    return query(url, "select path, operation from schema_tool.history where kind <> 'bootstrap' order by id")
