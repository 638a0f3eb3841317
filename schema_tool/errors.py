"""The failures the tool reports, each with the exit code it maps to.

Exit codes everywhere: 0 ok, 1 the check found something (drift, findings,
a refused or failed apply), 2 usage or connection error.
"""

from __future__ import annotations

from dataclasses import dataclass


class ToolError(Exception):
    exit_code = 1


class UsageError(ToolError):
    """Bad arguments or an unusable connection: exit 2."""

    exit_code = 2


class Refusal(ToolError):
    """The engine refuses to start: nothing has been applied."""


@dataclass
class FailedStatement:
    path: str
    line: int
    column: int
    sqlstate: str | None
    message: str
    detail: str | None = None
    hint: str | None = None
    context: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: ERROR {self.sqlstate}: {self.message}"
        for label, value in (("DETAIL", self.detail), ("HINT", self.hint), ("CONTEXT", self.context)):
            if value:
                text += f"\n  {label}: {value}"
        return text


class ApplyFailed(ToolError):
    """A file failed: it left no trace; the files before it stay applied."""

    def __init__(self, failure: FailedStatement, applied: list[str]):
        super().__init__(str(failure))
        self.failure = failure
        self.applied = applied
        self.in_scratch = False  # applied to a scratch database (for diff or lint), dropped again
