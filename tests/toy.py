"""Small throwaway projects for testing the engine, and a way to run the CLI."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import traceback
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


# Commands that must run as their own process: `test` hands the terminal to a child pytest, `psql`
# replaces the process with psql, and `db` manages a server meant to outlive the command.
OWN_PROCESS = {"test", "psql", "db"}
# The environment a command sees is the test's, less what would point it elsewhere.
UNSET = ("DATABASE_URL", "SCHEMA_TOOL_PROJECT", "SCHEMA_TOOL_TEST_DATABASE_URL", "SCHEMA_TOOL_TEST_BACKEND",
         "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE")


def cli(*args: str, project: ToyProject | Path | None = None, url: str | None = None,
        timeout: float = 600, env: dict | None = None, process: bool = False) -> Result:
    """Run `schema_tool ARGS`: in this process through Typer's runner, or as a new process for the commands
    that need one (and when `process` asks for it; `timeout` only stops a hang there)."""
    command = list(args)
    if project is not None:
        command += ["--project", str(project.root if isinstance(project, ToyProject) else project)]
    if url is not None:
        command += ["--database-url", url]
    if process or (command and command[0] in OWN_PROCESS):
        return _in_new_process(command, timeout, env)
    return _in_process(command, env)


def _in_new_process(command: list[str], timeout: float, env: dict | None) -> Result:
    done = subprocess.run([sys.executable, "-m", "schema_tool", *command], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", **(env or {})})
    return Result(done.returncode, done.stdout, done.stderr)


def _in_process(command: list[str], env: dict | None) -> Result:
    from typer.testing import CliRunner

    from schema_tool import render
    from schema_tool.cli import app

    for console in (render.console, render.errors):
        console.width = 200  # as COLUMNS=200 gives a new process
    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(app, command, prog_name="schema_tool",
                                    env={**dict.fromkeys(UNSET), **(env or {})})
    code, out, err = result.exit_code, result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        err += "".join(traceback.format_exception(*result.exc_info))  # as an uncaught error prints it
    return Result(code, out, err)


def query(url: str, sql: str, params=None) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def execute(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def history(url: str) -> list[tuple]:
    return query(url, "select path, operation from schema_tool.history where kind <> 'bootstrap' order by id")
