"""`schema_tool test`: the project's pytest suites against a disposable server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from schema_tool.errors import UsageError
from schema_tool.servers import check_url, redact


# The pytest plugin reads these; they live here so that the CLI never imports pytest.
URL_ENV = "SCHEMA_TOOL_TEST_DATABASE_URL"
BACKEND_ENV = "SCHEMA_TOOL_TEST_BACKEND"


@dataclass
class SuiteRun:
    backend: str
    server: str
    exit_code: int
    wall_time_s: float


def run(root: Path, backend: str, database_url: str | None, pytest_args: list[str]) -> SuiteRun:
    """Run pytest in the project with the chosen backend; its output goes straight to the terminal."""
    if backend == "url" and not database_url:
        raise UsageError("--backend url needs --database-url")
    if database_url and backend == "embedded":
        backend = "url"
    if backend == "docker":
        require_docker()
    if database_url:
        check_url(database_url)
    env = dict(os.environ, **{BACKEND_ENV: backend})
    env.pop(URL_ENV, None)
    if database_url:
        env[URL_ENV] = database_url
    started = time.monotonic()
    code = _pytest_until_done([sys.executable, "-m", "pytest", *pytest_args], root, env)
    shown = redact(database_url) if database_url else ("a pgvector container" if backend == "docker"
                                                         else "a throwaway embedded PostgreSQL")
    return SuiteRun(backend, shown, code, round(time.monotonic() - started, 1))


def _pytest_until_done(command: list[str], root: Path, env: dict) -> int:
    """pytest as a child that always gets to clean up: a SIGTERM or SIGHUP sent to this process reaches
    it as an interrupt (pytest then tears its fixtures down and the throwaway server stops), and this
    process waits for it. Ctrl-C already reaches the child from the terminal, so it is only waited out.
    The child starts with SIGINT at its default even where this process got it ignored (a background job
    started by a script, as `cmd &` in a non-interactive shell): a child that inherited the ignore would
    sleep through the interrupt."""
    child = subprocess.Popen(command, cwd=root, env=env, preexec_fn=_interruptible)

    def interrupt_child(signum, frame) -> None:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)

    handlers = {signal.SIGTERM: interrupt_child, signal.SIGHUP: interrupt_child, signal.SIGINT: signal.SIG_IGN}
    previous = {number: signal.signal(number, handler) for number, handler in handlers.items()}
    try:
        return child.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _interruptible() -> None:
    """Run in the child between fork and exec: Python turns SIGINT into KeyboardInterrupt only when it
    starts with the signal at its default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def require_docker() -> None:
    try:
        import docker

        docker.from_env().ping()
    except Exception as error:  # the docker client raises several kinds when no engine answers
        reason = " ".join(str(error).split())[:160]
        raise UsageError(f"--backend docker needs a running Docker engine, and none answers here ({reason})") from None
